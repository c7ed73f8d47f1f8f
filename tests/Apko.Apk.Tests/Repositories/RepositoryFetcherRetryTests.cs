using System.Net;
using System.Net.Sockets;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Testing.Http;
using Microsoft.Extensions.Logging;

namespace Apko.Apk.Tests.Repositories;

public sealed class RepositoryFetcherRetryTests : IClassFixture<RepositoryServerFixture>, IDisposable
{
    private const string Arch = FetcherHarness.Arch;
    private const string IndexPath = "/alpine/x86_64/APKINDEX.tar.gz";
    private readonly FetcherHarness _harness;
    private readonly TestHttpServer _server;

    public RepositoryFetcherRetryTests(RepositoryServerFixture fixture)
    {
        _harness = new FetcherHarness(fixture.Server);
        _server = fixture.Server;
    }

    private static CancellationToken Token => FetcherHarness.Token;

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string> TransientFaults => ["500", "503", "429", "reset", "truncate", "stall"];

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task GetIndexAsync_TransientFaultRetried(string fault)
    {
        _server.InjectFaults(IndexPath, ToFault(fault));
        var fetcher = _harness.CreateFetcher(o => o with { ReadTimeout = TimeSpan.FromMilliseconds(300) });

        var path = await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        var expected = await File.ReadAllBytesAsync(FetcherHarness.FixtureFile("APKINDEX.tar.gz"), Token);
        Assert.Equal(expected, await File.ReadAllBytesAsync(path, Token));
        Assert.Equal(2, _server.CountRequests(IndexPath));
        Assert.Single(_harness.Logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Empty(Directory.GetFiles(_harness.Cache.Path, ".tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task GetIndexAsync_SilentServer_TimesOut()
    {
        // The server accepts connections and never responds.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = new List<TcpClient>();
        var accepting = AcceptForeverAsync(listener, connections);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var fetcher = _harness.CreateFetcher(o => o with
        {
            ReadTimeout = TimeSpan.FromMilliseconds(300),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(new Repository($"http://127.0.0.1:{port}/alpine"), Arch, Token));

        Assert.Equal("APKO2060", error.Code);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains("No response arrived within 0.3 seconds", error.Message);
        listener.Stop();
        await accepting;
        connections.ForEach(connection => connection.Dispose());
    }

    [Theory]
    [InlineData("/loop", "redirects too many times")]
    [InlineData("file:///etc/passwd", "its location is not a valid http(s) URL")]
    public async Task GetIndexAsync_RedirectNotFollowed_NamesRedirect(string location, string expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = RedirectForeverAsync(listener, location);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(new Repository($"http://127.0.0.1:{port}/alpine"), Arch, Token));

        Assert.Equal("APKO2064", error.Code);
        Assert.Contains("a redirect that was not followed", error.Message);
        Assert.Contains(expected, error.Message);
        listener.Stop();
        await serving;
    }

    [Fact]
    public async Task GetIndexAsync_RetryAfterHonoured()
    {
        _server.InjectFaults(IndexPath, HttpFault.Status(429, retryAfterSeconds: 1));
        var fetcher = _harness.CreateFetcher();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {stopwatch.Elapsed}");
        Assert.Equal(2, _server.CountRequests(IndexPath));
    }

    [Fact]
    public async Task GetIndexAsync_RetryAfterCappedByOption()
    {
        _server.InjectFaults(IndexPath, HttpFault.Status(503, retryAfterSeconds: 3600));
        var fetcher = _harness.CreateFetcher(o => o with { MaxRetryAfter = TimeSpan.FromMilliseconds(20) });
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"retried after {stopwatch.Elapsed}");
        Assert.Equal(2, _server.CountRequests(IndexPath));
    }

    [Fact]
    public async Task GetIndexAsync_ServerErrorFailsAfterRetries()
    {
        _server.InjectFaults(IndexPath, HttpFault.Status(500), HttpFault.Status(500), HttpFault.Status(500));
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token));

        Assert.Equal("APKO2059", error.Code);
        var expected = $"GET {_server.Url(IndexPath)} returned 500 Internal Server Error after 3 attempts";
        Assert.Contains(expected, error.Message);
        Assert.Equal(3, _server.CountRequests(IndexPath));
    }

    [Fact]
    public async Task GetIndexAsync_ResetFailsAfterRetries()
    {
        _server.InjectFaults(
            IndexPath, HttpFault.ResetConnection, HttpFault.ResetConnection, HttpFault.ResetConnection);
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token));

        Assert.Equal("APKO2060", error.Code);
        Assert.Contains($"GET {_server.Url(IndexPath)} failed after 3 attempts", error.Message);
        Assert.Equal(3, _server.CountRequests(IndexPath));
    }

    [Fact]
    public async Task GetIndexAsync_SingleAttemptDoesNotRetry()
    {
        _server.InjectFaults(IndexPath, HttpFault.Status(503));
        var fetcher = _harness.CreateFetcher(o => o with { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token));

        Assert.Contains("returned 503 Service Unavailable.", error.Message);
        Assert.Equal(1, _server.CountRequests(IndexPath));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task GetIndexAsync_ClientErrorNotRetried(int status)
    {
        _server.InjectFaults(IndexPath, HttpFault.Status(status));
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token));

        Assert.Contains($"returned {status} ", error.Message);
        Assert.Equal(1, _server.CountRequests(IndexPath));
    }

    [Fact]
    public async Task GetIndexAsync_RefusedConnectionFailsClearly()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(new Repository($"http://127.0.0.1:{port}/alpine"), Arch, Token));

        Assert.Equal("APKO2060", error.Code);
        var expected = $"GET http://127.0.0.1:{port}/alpine/x86_64/APKINDEX.tar.gz failed after 3 attempts";
        Assert.Contains(expected, error.Message);
    }

    private static HttpFault ToFault(string name) => name switch
    {
        "reset" => HttpFault.ResetConnection,
        "truncate" => HttpFault.TruncateBody,
        "stall" => HttpFault.StallBody,
        _ => HttpFault.Status(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> connections)
    {
        try
        {
            while (true)
            {
                connections.Add(await listener.AcceptTcpClientAsync(Token));
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException
                                              or OperationCanceledException)
        {
            // The listener stopped.
        }
    }

    /// <summary>Answers every request on every connection with a 302 to <paramref name="location"/>.</summary>
    private static async Task RedirectForeverAsync(TcpListener listener, string location)
    {
        var response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n");
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(Token);
                _ = AnswerAsync(client, response);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException
                                              or OperationCanceledException)
        {
            // The listener stopped.
        }
    }

    private static async Task AnswerAsync(TcpClient client, byte[] response)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(buffer, Token) > 0)
                {
                    await stream.WriteAsync(response, Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                // The client closed the connection.
            }
        }
    }
}
