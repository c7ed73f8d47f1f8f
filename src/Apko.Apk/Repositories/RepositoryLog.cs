using Microsoft.Extensions.Logging;

namespace Apko.Apk.Repositories;

/// <summary>Log messages of repository fetching. Every URL passed in here is already redacted.</summary>
internal static partial class RepositoryLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Using local {Kind} {Path}")]
    public static partial void UsingLocalFile(ILogger logger, string kind, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Using cached {Kind} {Url} from {Path}")]
    public static partial void CacheHit(ILogger logger, string kind, string url, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cached {Kind} {Url} is current (304 Not Modified)")]
    public static partial void NotModified(ILogger logger, string kind, string url);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Downloaded {Kind} {Url} ({Bytes} bytes) to {Path}")]
    public static partial void Downloaded(ILogger logger, string kind, string url, long bytes, string path);

    [LoggerMessage(Level = LogLevel.Trace, Message = "GET {Url} returned {StatusCode}")]
    public static partial void Response(ILogger logger, string url, int statusCode);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "GET {Url} failed ({Reason}) on attempt {Attempt} of {MaxAttempts}. "
            + "Retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(
        ILogger logger, string url, string reason, int attempt, int maxAttempts, long delayMilliseconds);
}
