using Microsoft.Extensions.Logging;

namespace Apko.Apk.Repositories;

/// <summary>Log messages of repository fetching. Every URL passed in here is already redacted.</summary>
internal static partial class RepositoryLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Using local {What} {Path}")]
    public static partial void UsingLocalFile(ILogger logger, string what, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Using cached {What} {Url} from {Path}")]
    public static partial void CacheHit(ILogger logger, string what, string url, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cached {What} {Url} is current (304 Not Modified)")]
    public static partial void NotModified(ILogger logger, string what, string url);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Downloaded {What} {Url} ({Bytes} bytes) to {Path}")]
    public static partial void Downloaded(ILogger logger, string what, string url, long bytes, string path);

    [LoggerMessage(Level = LogLevel.Trace, Message = "GET {Url} returned {StatusCode}")]
    public static partial void Response(ILogger logger, string url, int statusCode);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "GET {Url} failed ({Reason}); attempt {Attempt} of {MaxAttempts}, retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(
        ILogger logger, string url, string reason, int attempt, int maxAttempts, long delayMilliseconds);
}
