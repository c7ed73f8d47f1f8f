using Apko.Apk.Indexes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Apko.Apk.Repositories;

/// <summary>
/// Turns repositories and keyring entries into local files. Local directories and <c>file://</c> URLs are read in
/// place; http(s) files are downloaded into the cache directory and reused from there.
/// </summary>
public sealed class RepositoryFetcher
{
    /// <summary>The file name of a repository index inside each architecture directory.</summary>
    public const string IndexFileName = "APKINDEX.tar.gz";

    private readonly HttpClient _client;
    private readonly RepositoryFetchOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a fetcher that sends its requests through the given client.</summary>
    /// <exception cref="ArgumentException">The cache directory is not absolute or a limit is not positive.</exception>
    public RepositoryFetcher(HttpClient client, RepositoryFetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (!Path.IsPathFullyQualified(options.CacheDirectory))
        {
            throw new ArgumentException(
                $"The cache directory '{options.CacheDirectory}' must be an absolute path.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelDownloads, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHttpResponseSize, 1, nameof(options));
        _client = client;
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Returns the local path of <c>&lt;repository&gt;/&lt;arch&gt;/APKINDEX.tar.gz</c>, downloading it into the
    /// cache for http(s) repositories.
    /// </summary>
    /// <exception cref="ApkException">The index is missing, cannot be downloaded, or is not cached in offline mode.</exception>
    public Task<string> GetIndexAsync(Repository repository, string arch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        PathSegment.Validate("architecture", arch);
        var location = RepositoryLocation.Parse(repository.Location, _options.Credentials);
        if (location.LocalPath is { } directory)
        {
            return Task.FromResult(GetLocalIndex(repository, directory, arch));
        }

        throw new NotSupportedException("http(s) repositories are not supported yet.");
    }

    /// <summary>
    /// Returns the local path of the package file <c>&lt;repository&gt;/&lt;arch&gt;/&lt;fileName&gt;</c>.
    /// </summary>
    /// <param name="repository">The repository whose index lists the package.</param>
    /// <param name="arch">APK architecture name, such as <c>x86_64</c>.</param>
    /// <param name="fileName">The file name, <c>&lt;name&gt;-&lt;version&gt;.apk</c>.</param>
    /// <param name="expectedChecksum">The index's <c>C:</c> value, or null when unknown.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ApkException">The package is missing, cannot be downloaded, or is not cached in offline mode.</exception>
    public Task<string> GetPackageAsync(
        Repository repository,
        string arch,
        string fileName,
        string? expectedChecksum,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        PathSegment.Validate("architecture", arch);
        PathSegment.Validate("package file name", fileName);
        var location = RepositoryLocation.Parse(repository.Location, _options.Credentials);
        if (location.LocalPath is { } directory)
        {
            return Task.FromResult(GetLocalPackage(directory, arch, fileName));
        }

        throw new NotSupportedException("http(s) repositories are not supported yet.");
    }

    /// <summary>Returns the contents of a keyring entry given as an absolute path, a file:// URL or an http(s) URL.</summary>
    /// <exception cref="ApkException">The key is missing, cannot be downloaded, or is not cached in offline mode.</exception>
    public async Task<byte[]> GetKeyAsync(string locationOrUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locationOrUrl);
        var location = RepositoryLocation.Parse(locationOrUrl, _options.Credentials);
        if (location.LocalPath is { } path)
        {
            return await ReadLocalKeyAsync(path, cancellationToken).ConfigureAwait(false);
        }

        throw new NotSupportedException("http(s) keys are not supported yet.");
    }

    private string GetLocalIndex(Repository repository, string directory, string arch)
    {
        var path = Path.Combine(directory, arch, IndexFileName);
        if (!File.Exists(path))
        {
            throw RepositoryErrors.LocalIndexMissing(repository.Location, path);
        }

        _logger.LogDebug("Using local index {Path}", path);
        return path;
    }

    private static string GetLocalPackage(string directory, string arch, string fileName)
    {
        var path = Path.Combine(directory, arch, fileName);
        if (!File.Exists(path))
        {
            throw RepositoryErrors.LocalFileMissing("package file", path);
        }

        return path;
    }

    private static async Task<byte[]> ReadLocalKeyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RepositoryErrors.LocalFileMissing("key file", path, e);
        }
    }
}
