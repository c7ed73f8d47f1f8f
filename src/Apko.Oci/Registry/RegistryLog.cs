using Microsoft.Extensions.Logging;

namespace Apko.Oci.Registry;

/// <summary>Log messages of the registry client. URLs are always redacted before they get here.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(Level = LogLevel.Trace, Message = "{Method} {Url} returned {Status}")]
    public static partial void Response(ILogger logger, string method, string url, int status);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Retrying {Method} {Url} in {DelayMilliseconds} ms after {Reason} " +
            "(attempt {Attempt} of {MaxAttempts})")]
    public static partial void Retrying(
        ILogger logger, string method, string url, long delayMilliseconds, string reason, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Retrying the upload of blob {Digest} in {DelayMilliseconds} ms after: {Reason} " +
            "(attempt {Attempt} of {MaxAttempts})")]
    public static partial void RetryingBlob(
        ILogger logger, string digest, long delayMilliseconds, string reason, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Requesting a token for {Registry} with scope {Scope}")]
    public static partial void RequestingToken(ILogger logger, string registry, string scope);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blob {Digest} already exists in {Repository}")]
    public static partial void BlobExists(ILogger logger, string digest, string repository);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mounted blob {Digest} into {Repository} from {Source}")]
    public static partial void BlobMounted(ILogger logger, string digest, string repository, string source);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Uploaded blob {Digest} ({Size} bytes) to {Repository}")]
    public static partial void BlobUploaded(ILogger logger, string digest, long size, string repository);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pushed manifest {Reference} to {Repository}")]
    public static partial void ManifestPushed(ILogger logger, string reference, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {Reference}")]
    public static partial void ImagePushed(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attached {ArtifactType} {Digest} to {Subject}")]
    public static partial void ReferrerPushed(ILogger logger, string artifactType, string digest, string subject);
}
