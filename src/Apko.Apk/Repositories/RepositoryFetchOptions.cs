using Microsoft.Extensions.Logging;

namespace Apko.Apk.Repositories;

/// <summary>
/// Settings of a <see cref="RepositoryFetcher"/>. The caller resolves every value (the CLI reads
/// <c>--cache-dir</c>, <c>--offline</c> and <c>HTTP_AUTH</c>); the library reads no environment.
/// </summary>
public sealed record RepositoryFetchOptions
{
    /// <summary>
    /// The default of <see cref="MaxHttpResponseSize"/>: 8 GiB, the default of apko's
    /// <c>--max-http-response-size</c>.
    /// </summary>
    public const long DefaultMaxHttpResponseSize = 8L * 1024 * 1024 * 1024;

    /// <summary>Absolute path of the cache directory; it is created when first needed.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>When true, no request is sent and remote files come only from the cache.</summary>
    public bool Offline { get; init; }

    /// <summary>Basic authentication credentials chosen by host when a URL carries no user information.</summary>
    public IReadOnlyList<HttpCredential> Credentials { get; init; } = [];

    /// <summary>Maximum number of downloads in flight at once; at least 1.</summary>
    public int MaxParallelDownloads { get; init; } = 8;

    /// <summary>Maximum size in bytes of one HTTP response body; larger responses fail.</summary>
    public long MaxHttpResponseSize { get; init; } = DefaultMaxHttpResponseSize;

    /// <summary>
    /// Maximum number of attempts per request, counting the first. Attempts are repeated on 5xx, 408 and 429
    /// responses, timeouts and dropped connections.
    /// </summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Maximum wait for the response headers, and then between reads of the body. A silent server or a stalled
    /// download fails its attempt after it.
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay before the second attempt; it doubles for each further attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The <c>User-Agent</c> header of every request, such as <c>apko/0.1.0</c>; when null the client's default
    /// headers apply.
    /// </summary>
    public string? UserAgent { get; init; }

    /// <summary>The longest <c>Retry-After</c> delay honoured; a server asking for more waits this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives download and cache events; none are logged when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Receives byte counts of downloads; none are reported when null.</summary>
    public IProgress<RepositoryDownloadProgress>? Progress { get; init; }
}
