using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Apko.Testing.Http;

namespace Apko.Apk.Tests.Repositories;

/// <summary>
/// Per-test setup for fetcher tests against a <see cref="TestHttpServer"/>: resets the server, and owns a fresh
/// cache directory, an HTTP client and a recording logger.
/// </summary>
internal sealed class FetcherHarness : IDisposable
{
    public const string Arch = "x86_64";

    public FetcherHarness(TestHttpServer server)
    {
        Server = server;
        server.Reset();
    }

    public TestHttpServer Server { get; }

    public TempDirectory Cache { get; } = new();

    public HttpClient Client { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a fetcher on this harness's cache with fast retries, logging to <see cref="Logger"/>.</summary>
    public RepositoryFetcher CreateFetcher(Func<RepositoryFetchOptions, RepositoryFetchOptions>? configure = null)
    {
        var options = new RepositoryFetchOptions
        {
            CacheDirectory = Cache.Path,
            Logger = Logger,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        return new RepositoryFetcher(Client, configure is null ? options : configure(options));
    }

    /// <summary>Returns the repository served under a URL prefix such as <c>/alpine</c>.</summary>
    public Repository Repository(string prefix) => new(Server.Url(prefix));

    /// <summary>Returns the repository fixture file with the given name in the x86_64 directory.</summary>
    public static string FixtureFile(string fileName) =>
        Path.Combine(RepositoryServerFixture.RepositoryDirectory, Arch, fileName);

    public void Dispose()
    {
        Client.Dispose();
        Cache.Dispose();
    }
}
