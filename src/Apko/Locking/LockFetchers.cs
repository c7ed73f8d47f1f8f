using Apko.Apk.Repositories;
using Apko.Build;

namespace Apko.Locking;

/// <summary>Creates the repository fetcher that locking and locked builds use, configured as a build's.</summary>
internal static class LockFetchers
{
    public static RepositoryFetcher Create(BuildOptions options, HttpClient httpClient) =>
        new(httpClient, new RepositoryFetchOptions
        {
            CacheDirectory = options.CacheDirectory,
            Offline = options.Offline,
            Credentials = [.. options.Credentials.Select(c => new HttpCredential(c.Host, c.User, c.Password))],
            MaxHttpResponseSize = options.Limits.MaxHttpResponseSize,
            MaxParallelDownloads = Math.Max(2, options.MaxParallelism * 2),
            Logger = options.Logger,
        });
}
