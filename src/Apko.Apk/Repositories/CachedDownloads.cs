using Microsoft.Extensions.Logging;

namespace Apko.Apk.Repositories;

/// <summary>
/// Serves remote files from the cache, downloading them when missing: revalidated URL entries for indexes and
/// keys, immutable content-keyed entries for packages.
/// </summary>
internal sealed class CachedDownloads
{
    private readonly RepositoryCache _cache;
    private readonly HttpDownloader _downloader;
    private readonly RepositoryFetchOptions _options;
    private readonly ILogger _logger;

    public CachedDownloads(
        RepositoryCache cache, HttpDownloader downloader, RepositoryFetchOptions options, ILogger logger)
    {
        _cache = cache;
        _downloader = downloader;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Returns the cached copy of a URL after revalidating it with a conditional request, or downloads it. Offline,
    /// returns the cached copy without a request.
    /// </summary>
    public async Task<string> GetRevalidatedAsync(RemoteFile file, CancellationToken cancellationToken)
    {
        var entry = _cache.GetUrlEntryDirectory(file.Uri);
        var metadata = await CacheEntryMetadata.TryReadAsync(entry, cancellationToken).ConfigureAwait(false);
        var cached = metadata is null ? null : Path.Combine(entry, metadata.FilePath);
        if (_options.Offline)
        {
            return ReturnOfflineCopy(file, cached);
        }

        await _cache.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var request = file.ToDownloadRequest(entry, metadata);
        var result = await _downloader.DownloadAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.NotModified)
        {
            RepositoryLog.NotModified(_logger, file.Kind, request.DisplayUrl);
            return cached!;
        }

        var relative = $"{result.Sha256}/{file.FileName}";
        var path = MoveIntoPlace(result, Path.Combine(entry, relative));
        var current = new CacheEntryMetadata(relative, result.ETag, result.LastModified);
        await WriteMetadataAsync(entry, current, cancellationToken).ConfigureAwait(false);
        RepositoryLog.Downloaded(_logger, file.Kind, request.DisplayUrl, result.Length, path);
        return path;
    }

    /// <summary>
    /// Returns the cached copy of a file that never changes once published, keyed by its content checksum. A cached
    /// copy is returned without a request, and a missing one is downloaded.
    /// </summary>
    public async Task<string> GetImmutableAsync(RemoteFile file, string contentKey, CancellationToken cancellationToken)
    {
        var directory = _cache.GetPackageDirectory(contentKey);
        var path = Path.Combine(directory, file.FileName);
        var displayUrl = UrlRedactor.Redact(file.Uri.AbsoluteUri);
        if (File.Exists(path))
        {
            RepositoryLog.CacheHit(_logger, file.Kind, displayUrl, path);
            return path;
        }

        if (_options.Offline)
        {
            throw RepositoryErrors.OfflineCacheMiss(file.Kind, displayUrl, _cache.Directory);
        }

        // NOTE: the bytes are not checked against the checksum here; the package reader checks the control
        // stream, and a caller that finds a mismatch calls RepositoryCache.EvictAsync so the next fetch retries.
        await _cache.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = await _downloader.DownloadAsync(file.ToDownloadRequest(directory, null), cancellationToken)
            .ConfigureAwait(false);
        MoveIntoPlace(result, path);
        RepositoryLog.Downloaded(_logger, file.Kind, displayUrl, result.Length, path);
        return path;
    }

    private string ReturnOfflineCopy(RemoteFile file, string? cached)
    {
        var displayUrl = UrlRedactor.Redact(file.Uri.AbsoluteUri);
        if (cached is null)
        {
            throw RepositoryErrors.OfflineCacheMiss(file.Kind, displayUrl, _cache.Directory);
        }

        RepositoryLog.CacheHit(_logger, file.Kind, displayUrl, cached);
        return cached;
    }

    private string MoveIntoPlace(DownloadResult result, string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(result.TemporaryPath!, path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(result.TemporaryPath!);
            throw RepositoryErrors.CacheWriteFailed(_cache.Directory, e);
        }
    }

    private async Task WriteMetadataAsync(
        string entry, CacheEntryMetadata metadata, CancellationToken cancellationToken)
    {
        try
        {
            await metadata.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RepositoryErrors.CacheWriteFailed(_cache.Directory, e);
        }
    }
}
