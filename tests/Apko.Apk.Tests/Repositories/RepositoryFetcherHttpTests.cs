using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Apko.Testing.Http;

namespace Apko.Apk.Tests.Repositories;

public sealed class RepositoryFetcherHttpTests : IClassFixture<RepositoryServerFixture>, IDisposable
{
    private const string Arch = FetcherHarness.Arch;
    private const string IndexPath = "/alpine/x86_64/APKINDEX.tar.gz";
    private const string ZlibFile = "zlib-1.3.1-r0.apk";
    private readonly FetcherHarness _harness;
    private readonly TestHttpServer _server;

    public RepositoryFetcherHttpTests(RepositoryServerFixture fixture)
    {
        _harness = new FetcherHarness(fixture.Server);
        _server = fixture.Server;
    }

    private static CancellationToken Token => FetcherHarness.Token;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GetIndexAsync_DownloadsIndexIntoCache()
    {
        var fetcher = _harness.CreateFetcher();

        var path = await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.StartsWith(_harness.Cache.Path + Path.DirectorySeparatorChar, path);
        Assert.Equal("APKINDEX.tar.gz", Path.GetFileName(path));
        Assert.Equal(await ReadFixtureAsync("APKINDEX.tar.gz"), await File.ReadAllBytesAsync(path, Token));
    }

    [Fact]
    public async Task GetIndexAsync_UnchangedIndexRevalidatedWithETag()
    {
        var fetcher = _harness.CreateFetcher();
        var first = await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        var second = await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.Equal(first, second);
        var requests = _server.Requests.Where(r => r.Path == IndexPath).ToList();
        Assert.Equal([200, 304], requests.Select(r => r.StatusCode));
        Assert.True(requests[1].Headers.ContainsKey("If-None-Match"), "the second request was not conditional");
    }

    [Fact]
    public async Task GetIndexAsync_ChangedIndexDownloadedAgain()
    {
        using var upstream = new TempDirectory();
        var indexFile = Path.Combine(upstream.Path, Arch, "APKINDEX.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(indexFile)!);
        await File.WriteAllTextAsync(indexFile, "first", Token);
        var prefix = "/changing-" + Guid.NewGuid().ToString("N");
        _server.Serve(prefix, upstream.Path);
        var repository = _harness.Repository(prefix);
        var fetcher = _harness.CreateFetcher();
        var first = await fetcher.GetIndexAsync(repository, Arch, Token);

        await File.WriteAllTextAsync(indexFile, "second", Token);
        var second = await fetcher.GetIndexAsync(repository, Arch, Token);

        Assert.NotEqual(first, second);
        Assert.Equal("second", await File.ReadAllTextAsync(second, Token));
        Assert.Equal("first", await File.ReadAllTextAsync(first, Token));
    }

    [Fact]
    public async Task GetIndexAsync_WithoutETagDownloadsEachTime()
    {
        _server.SendETags = false;
        var fetcher = _harness.CreateFetcher();

        var first = await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);
        var second = await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.Equal(first, second);
        Assert.Equal([200, 200], _server.Requests.Where(r => r.Path == IndexPath).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetIndexAsync_OfflineUsesCachedIndex()
    {
        var online = await _harness.CreateFetcher().GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);
        var offlineFetcher = _harness.CreateFetcher(o => o with { Offline = true });

        var offline = await offlineFetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.Equal(online, offline);
        Assert.Equal(1, _server.CountRequests(IndexPath));
    }

    [Fact]
    public async Task GetIndexAsync_OfflineColdCacheFailsClearly()
    {
        var fetcher = _harness.CreateFetcher(o => o with { Offline = true });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token));

        Assert.Equal("APKO2056", error.Code);
        Assert.Contains(_server.Url(IndexPath), error.Message);
        Assert.Contains("--offline", error.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetIndexAsync_MissingArchNamesUrl()
    {
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/alpine"), "aarch64", Token));

        Assert.Equal("APKO2058", error.Code);
        Assert.Contains($"GET {_server.Url("/alpine/aarch64/APKINDEX.tar.gz")} returned 404 Not Found", error.Message);
        Assert.Contains("'aarch64'", error.Message);
    }

    [Fact]
    public async Task GetPackageAsync_DownloadsPackageIntoCache()
    {
        var fetcher = _harness.CreateFetcher();

        var path = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);

        Assert.StartsWith(_harness.Cache.Path + Path.DirectorySeparatorChar, path);
        Assert.Equal(ZlibFile, Path.GetFileName(path));
        Assert.Equal(await ReadFixtureAsync(ZlibFile), await File.ReadAllBytesAsync(path, Token));
    }

    [Fact]
    public async Task GetPackageAsync_CacheHitSendsNoRequest()
    {
        var fetcher = _harness.CreateFetcher();
        var first = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);

        var second = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);

        Assert.Equal(first, second);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetPackageAsync_SameChecksumSharedAcrossRepositories()
    {
        var fetcher = _harness.CreateFetcher();
        var first = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);

        var second = await fetcher.GetPackageAsync(_harness.Repository("/mirror"), Arch, ZlibFile, ZlibChecksum, Token);

        Assert.Equal(first, second);
        Assert.Equal(0, _server.CountRequests("/mirror/x86_64/" + ZlibFile));
    }

    [Fact]
    public async Task GetPackageAsync_OtherChecksumDownloadsAgain()
    {
        var fetcher = _harness.CreateFetcher();
        var first = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);
        var otherChecksum = "Q1" + Convert.ToBase64String(new byte[20]);

        var second = await fetcher.GetPackageAsync(
            _harness.Repository("/alpine"), Arch, ZlibFile, otherChecksum, Token);

        Assert.NotEqual(first, second);
        Assert.Equal(2, _server.CountRequests("/alpine/x86_64/" + ZlibFile));
    }

    [Fact]
    public async Task GetPackageAsync_WithoutChecksumRevalidates()
    {
        var fetcher = _harness.CreateFetcher();
        var first = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, null, Token);

        var second = await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, null, Token);

        Assert.Equal(first, second);
        Assert.Equal([200, 304], _server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetPackageAsync_OfflineColdCacheFailsClearly()
    {
        var fetcher = _harness.CreateFetcher(o => o with { Offline = true });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token));

        Assert.Equal("APKO2056", error.Code);
        Assert.Contains(_server.Url("/alpine/x86_64/" + ZlibFile), error.Message);
        Assert.Contains("--offline", error.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetPackageAsync_OfflineUsesCachedPackage()
    {
        var online = await _harness.CreateFetcher()
            .GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);
        var offlineFetcher = _harness.CreateFetcher(o => o with { Offline = true });

        var offline = await offlineFetcher
            .GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);

        Assert.Equal(online, offline);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("Q1notbase64!")]
    [InlineData("Q1AAAA")]
    public async Task GetPackageAsync_InvalidChecksumRejected(string checksum)
    {
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, checksum, Token));

        Assert.Equal("APKO2053", error.Code);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetPackageAsync_OversizedResponseLeavesNoFile()
    {
        var fetcher = _harness.CreateFetcher(o => o with { MaxHttpResponseSize = 1000 });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token));

        Assert.Equal("APKO2061", error.Code);
        Assert.Contains("1000 bytes", error.Message);
        Assert.Empty(Directory.GetFiles(_harness.Cache.Path, "*.apk", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(_harness.Cache.Path, ".tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task GetPackagesAsync_FetchesAllInInputOrder()
    {
        var packages = AlpineIndex.ReadPackages(FetcherHarness.FixtureFile("APKINDEX.tar.gz"));
        var repository = _harness.Repository("/alpine");
        var requests = packages
            .Where(p => File.Exists(FetcherHarness.FixtureFile($"{p.Name}-{p.Version}.apk")))
            .Select(p => new PackageFetchRequest(repository, Arch, $"{p.Name}-{p.Version}.apk", p.Checksum))
            .ToList();
        var fetcher = _harness.CreateFetcher(o => o with { MaxParallelDownloads = 4 });

        var paths = await fetcher.GetPackagesAsync(requests, Token);

        Assert.Equal(25, paths.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(requests[i].FileName, Path.GetFileName(paths[i]));
            Assert.Equal(await ReadFixtureAsync(requests[i].FileName), await File.ReadAllBytesAsync(paths[i], Token));
        }

        Assert.Equal(25, _server.Requests.Count);
    }

    [Fact]
    public async Task GetPackagesAsync_ParallelismIsBounded()
    {
        var repository = _harness.Repository("/alpine");
        var requests = Directory.GetFiles(Path.GetDirectoryName(FetcherHarness.FixtureFile(ZlibFile))!, "*.apk")
            .Select(path => new PackageFetchRequest(repository, Arch, Path.GetFileName(path), null))
            .ToList();
        _server.ResponseDelay = TimeSpan.FromMilliseconds(50);
        var fetcher = _harness.CreateFetcher(o => o with { MaxParallelDownloads = 3 });

        await fetcher.GetPackagesAsync(requests, Token);

        Assert.Equal(25, _server.Requests.Count);
        Assert.InRange(_server.MaxConcurrentRequests, 2, 3);
    }

    [Fact]
    public async Task GetPackagesAsync_FirstFailureIsThrown()
    {
        var repository = _harness.Repository("/alpine");
        PackageFetchRequest[] requests =
        [
            new(repository, Arch, ZlibFile, ZlibChecksum),
            new(repository, Arch, "missing-1.0-r0.apk", null),
        ];
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(() => fetcher.GetPackagesAsync(requests, Token));

        Assert.Contains("missing-1.0-r0.apk returned 404 Not Found", error.Message);
    }

    [Fact]
    public async Task GetPackageAsync_ReportsProgress()
    {
        var events = new List<RepositoryDownloadProgress>();
        var progress = new SynchronousProgress(events);
        var fetcher = _harness.CreateFetcher(o => o with { Progress = progress });

        await fetcher.GetPackageAsync(_harness.Repository("/alpine"), Arch, ZlibFile, ZlibChecksum, Token);

        var last = events[^1];
        var size = new FileInfo(FetcherHarness.FixtureFile(ZlibFile)).Length;
        Assert.True(last.Completed, "the last progress event is not marked completed");
        Assert.Equal(size, last.BytesTransferred);
        Assert.Equal(size, last.TotalBytes);
    }

    [Fact]
    public async Task GetPackageAsync_FileNameWithPlusEscaped()
    {
        using var upstream = new TempDirectory();
        const string fileName = "libstdc++-13.2.1-r0.apk";
        Directory.CreateDirectory(Path.Combine(upstream.Path, Arch));
        await File.WriteAllTextAsync(Path.Combine(upstream.Path, Arch, fileName), "package bytes", Token);
        var prefix = "/plus-" + Guid.NewGuid().ToString("N");
        _server.Serve(prefix, upstream.Path);
        var fetcher = _harness.CreateFetcher();

        var path = await fetcher.GetPackageAsync(_harness.Repository(prefix), Arch, fileName, null, Token);

        Assert.Equal("package bytes", await File.ReadAllTextAsync(path, Token));
        Assert.Equal($"{prefix}/{Arch}/{fileName}", _server.Requests.Single().Path);
    }

    [Fact]
    public async Task EvictAsync_NextFetchDownloadsAgain()
    {
        var fetcher = _harness.CreateFetcher();
        var repository = _harness.Repository("/alpine");
        var path = await fetcher.GetPackageAsync(repository, Arch, ZlibFile, ZlibChecksum, Token);

        var evicted = await fetcher.Cache.EvictAsync(path, Token);
        var again = await fetcher.GetPackageAsync(repository, Arch, ZlibFile, ZlibChecksum, Token);

        Assert.True(evicted, $"'{path}' was not evicted");
        Assert.Equal(path, again);
        Assert.Equal(2, _server.CountRequests("/alpine/x86_64/" + ZlibFile));
    }

    [Fact]
    public async Task EvictAsync_LocalRepositoryFileKept()
    {
        var fetcher = _harness.CreateFetcher();
        var local = FetcherHarness.FixtureFile(ZlibFile);

        var evicted = await fetcher.Cache.EvictAsync(local, Token);

        Assert.False(evicted, $"'{local}' outside the cache was evicted");
        Assert.True(File.Exists(local), $"'{local}' was deleted");
    }

    [Fact]
    public async Task GetIndexAsync_SendsUserAgent()
    {
        var fetcher = _harness.CreateFetcher(o => o with { UserAgent = "apko/0.1.0" });

        await fetcher.GetIndexAsync(_harness.Repository("/alpine"), Arch, Token);

        Assert.Equal("apko/0.1.0", _server.Requests.Single().Headers["User-Agent"]);
    }

    [Fact]
    public async Task GetKeyAsync_DownloadsAndWorksOffline()
    {
        var keyName = Path.GetFileName(Directory.GetFiles(RepositoryServerFixture.KeysDirectory, "*.rsa.pub")[0]);
        var url = _server.Url("/keys/" + keyName);
        var keyPath = Path.Combine(RepositoryServerFixture.KeysDirectory, keyName);
        var expected = await File.ReadAllBytesAsync(keyPath, Token);

        var online = await _harness.CreateFetcher().GetKeyAsync(url, Token);
        var offline = await _harness.CreateFetcher(o => o with { Offline = true }).GetKeyAsync(url, Token);

        Assert.Equal(expected, online);
        Assert.Equal(expected, offline);
        Assert.Single(_server.Requests);
    }

    private static string ZlibChecksum => AlpineIndex.ReadPackages(FetcherHarness.FixtureFile("APKINDEX.tar.gz"))
        .Single(p => p.Name == "zlib").Checksum!;

    private static Task<byte[]> ReadFixtureAsync(string fileName) =>
        File.ReadAllBytesAsync(FetcherHarness.FixtureFile(fileName), Token);

    private sealed class SynchronousProgress(List<RepositoryDownloadProgress> events)
        : IProgress<RepositoryDownloadProgress>
    {
        public void Report(RepositoryDownloadProgress value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}
