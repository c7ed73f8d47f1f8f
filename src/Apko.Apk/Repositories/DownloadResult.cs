namespace Apko.Apk.Repositories;

/// <summary>
/// The outcome of a download: either the server confirmed the cached copy (304), or the body is in a temporary
/// file that the caller moves into place.
/// </summary>
/// <param name="NotModified">True when the server returned 304 Not Modified.</param>
/// <param name="TemporaryPath">The downloaded file, or null when not modified.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the body, or null when not modified.</param>
/// <param name="Length">The body length in bytes.</param>
/// <param name="ETag">The response's ETag, or null.</param>
/// <param name="LastModified">The response's Last-Modified value, or null.</param>
internal sealed record DownloadResult(
    bool NotModified,
    string? TemporaryPath,
    string? Sha256,
    long Length,
    string? ETag,
    string? LastModified)
{
    public static DownloadResult Unchanged { get; } = new(true, null, null, 0, null, null);
}
