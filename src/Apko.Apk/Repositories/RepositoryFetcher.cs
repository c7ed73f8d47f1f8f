using Apko.Apk.Indexes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Apko.Apk.Repositories;

/// <summary>
/// Turns repositories and keyring entries into local files. Local directories and <c>file://</c> URLs are read in
/// place; http(s) files are downloaded into the cache directory and reused from there. Safe for concurrent use.
/// </summary>
public sealed class RepositoryFetcher
{
    /// <summary>The file name of a repository index inside each architecture directory.</summary>
    public const string IndexFileName = "APKINDEX.tar.gz";

    private const long MaxKeySize = 1024 * 1024;
    private readonly RepositoryFetchOptions _options;
    private readonly ILogger _logger;
    private readonly CachedDownloads _downloads;

    /// <summary>Creates a fetcher that sends its requests through the given client.</summary>
    /// <exception cref="ArgumentException">The cache directory is not absolute or a limit is not positive.</exception>
    public RepositoryFetcher(HttpClient client, RepositoryFetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelDownloads, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHttpResponseSize, 1, nameof(options));
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
        Cache = new RepositoryCache(options.CacheDirectory);
        var downloader = new HttpDownloader(client, options, _logger);
        _downloads = new CachedDownloads(Cache, downloader, options, _logger);
    }

    /// <summary>The cache this fetcher downloads into.</summary>
    public RepositoryCache Cache { get; }

    /// <summary>
    /// Returns the local path of <c>&lt;repository&gt;/&lt;arch&gt;/APKINDEX.tar.gz</c>. For http(s) repositories
    /// the cached copy is revalidated with a conditional request (ETag) and downloaded again when it changed.
    /// </summary>
    /// <exception cref="ApkException">
    /// The index is missing, cannot be downloaded, or is not cached in offline mode.
    /// </exception>
    public async Task<string> GetIndexAsync(Repository repository, string arch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        PathSegment.Validate("architecture", arch);
        var location = RepositoryLocation.Parse(repository.Location, _options.Credentials);
        if (location.LocalPath is { } directory)
        {
            return GetLocalIndex(repository, directory, arch);
        }

        var file = new RemoteFile(
            location.GetChildUri(arch, IndexFileName),
            location.Authorization,
            "index",
            IndexFileName,
            _options.MaxHttpResponseSize,
            $"Check the repository URL and that the repository has packages for the architecture '{arch}'.");
        return await _downloads.GetRevalidatedAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the local path of the package file <c>&lt;repository&gt;/&lt;arch&gt;/&lt;fileName&gt;</c>. For
    /// http(s) repositories, a package with a checksum is cached by that checksum, and a cached copy is returned
    /// without a request. A package without a checksum is cached by URL and revalidated like an index.
    /// </summary>
    /// <param name="repository">The repository whose index lists the package.</param>
    /// <param name="arch">APK architecture name, such as <c>x86_64</c>.</param>
    /// <param name="fileName">The file name, <c>&lt;name&gt;-&lt;version&gt;.apk</c>.</param>
    /// <param name="expectedChecksum">The index's <c>C:</c> value, or null when unknown.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ApkException">
    /// The package is missing, cannot be downloaded, or is not cached in offline mode.
    /// </exception>
    public async Task<string> GetPackageAsync(
        Repository repository,
        string arch,
        string fileName,
        string? expectedChecksum,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        PathSegment.Validate("architecture", arch);
        PathSegment.Validate("package file name", fileName);
        var cacheKey = expectedChecksum is null ? null : PackageChecksum.ToCacheKey(expectedChecksum, fileName);
        var location = RepositoryLocation.Parse(repository.Location, _options.Credentials);
        if (location.LocalPath is { } directory)
        {
            return GetLocalPackage(directory, arch, fileName);
        }

        var file = new RemoteFile(
            location.GetChildUri(arch, fileName),
            location.Authorization,
            "package",
            fileName,
            _options.MaxHttpResponseSize,
            "The package may have been removed from the repository; fetch its index again and resolve anew.");
        return cacheKey is null
            ? await _downloads.GetRevalidatedAsync(file, cancellationToken).ConfigureAwait(false)
            : await _downloads.GetImmutableAsync(file, cacheKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the local paths of many package files, fetching at most
    /// <see cref="RepositoryFetchOptions.MaxParallelDownloads"/> at once. Results are in the order of the requests.
    /// The first failure cancels the remaining downloads and is thrown.
    /// </summary>
    /// <exception cref="ApkException">
    /// A package is missing, cannot be downloaded, or is not cached in offline mode.
    /// </exception>
    public async Task<IReadOnlyList<string>> GetPackagesAsync(
        IReadOnlyList<PackageFetchRequest> requests,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var paths = new string[requests.Count];
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = _options.MaxParallelDownloads,
        };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, requests.Count),
            parallel,
            async (i, token) =>
            {
                var request = requests[i];
                paths[i] = await GetPackageAsync(
                        request.Repository, request.Arch, request.FileName, request.ExpectedChecksum, token)
                    .ConfigureAwait(false);
            }).ConfigureAwait(false);
        return paths;
    }

    /// <summary>
    /// Returns the contents of a keyring entry given as an absolute path, a file:// URL or an http(s) URL. Remote
    /// keys are cached and revalidated like indexes, so offline builds can use them.
    /// </summary>
    /// <exception cref="ApkException">
    /// The key is missing, cannot be downloaded, or is not cached in offline mode.
    /// </exception>
    public async Task<byte[]> GetKeyAsync(string locationOrUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locationOrUrl);
        var location = RepositoryLocation.Parse(locationOrUrl, _options.Credentials);
        var path = location.LocalPath;
        if (path is null)
        {
            var uri = location.RemoteUri!;
            var fileName = Uri.UnescapeDataString(uri.Segments[^1].TrimEnd('/'));
            var file = new RemoteFile(
                uri,
                location.Authorization,
                "key",
                PathSegment.IsValid(fileName) ? fileName : "key",
                Math.Min(MaxKeySize, _options.MaxHttpResponseSize),
                "Check the keyring URL in the configuration.");
            path = await _downloads.GetRevalidatedAsync(file, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            RepositoryLog.UsingLocalFile(_logger, "key", path);
        }

        return await ReadKeyAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a small document such as a JSON file over HTTP(S), through the cache like a key, and returns its
    /// bytes, or null when the server returns 404 Not Found.
    /// </summary>
    /// <param name="url">An http or https URL.</param>
    /// <param name="kind">Names the document in messages and in the cache, such as <c>JWKS</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ApkException">The download failed other than with 404, or the document exceeds 1 MiB.</exception>
    public async Task<byte[]?> TryGetDocumentAsync(Uri url, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var location = RepositoryLocation.Parse(url.AbsoluteUri, _options.Credentials);
        var uri = location.RemoteUri
            ?? throw new ArgumentException($"'{url}' is not an http or https URL.", nameof(url));
        var fileName = Uri.UnescapeDataString(uri.Segments[^1].TrimEnd('/'));
        var file = new RemoteFile(
            uri,
            location.Authorization,
            kind,
            PathSegment.IsValid(fileName) ? fileName : "document",
            Math.Min(MaxKeySize, _options.MaxHttpResponseSize),
            "");
        try
        {
            var path = await _downloads.GetRevalidatedAsync(file, cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ApkException exception) when (exception.Code == RepositoryErrors.NotFoundCode)
        {
            return null;
        }
    }

    private string GetLocalIndex(Repository repository, string directory, string arch)
    {
        var path = Path.Combine(directory, arch, IndexFileName);
        if (!File.Exists(path))
        {
            throw RepositoryErrors.LocalIndexMissing(repository.Location, path);
        }

        RepositoryLog.UsingLocalFile(_logger, "index", path);
        return path;
    }

    private string GetLocalPackage(string directory, string arch, string fileName)
    {
        var path = Path.Combine(directory, arch, fileName);
        if (!File.Exists(path))
        {
            throw RepositoryErrors.LocalFileMissing(
                "package file",
                path,
                "The repository's index lists it, so the repository is incomplete: restore the file or rebuild the "
                + "index.");
        }

        RepositoryLog.UsingLocalFile(_logger, "package", path);
        return path;
    }

    private static async Task<byte[]> ReadKeyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            // A public key file is a few hundred bytes; refusing devices and large files keeps /dev/zero from filling memory.
            var info = new FileInfo(path);
            if (Directory.Exists(path) || path.StartsWith("/dev/", StringComparison.Ordinal)
                || path.StartsWith("/proc/", StringComparison.Ordinal) || (info.Exists && info.Length > 1 << 20))
            {
                throw new IOException($"'{path}' is not a key file: keys are regular files under 1 MiB.");
            }

            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RepositoryErrors.LocalFileMissing(
                "key file", path, "Check the path given in contents.keyring or with -k.", e);
        }
    }
}
