using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Apko.Testing;

namespace Apko.Apk.Tests.Repositories;

public sealed class RepositoryFetcherLocalTests : IDisposable
{
    private const string Arch = "x86_64";
    private readonly TempDirectory _cache = new();
    private readonly HttpClient _client = new();
    private readonly RepositoryFetcher _fetcher;

    public RepositoryFetcherLocalTests()
    {
        _fetcher = new RepositoryFetcher(_client, new RepositoryFetchOptions { CacheDirectory = _cache.Path });
    }

    private static string RepositoryDirectory => Fixtures.Path("alpine", "v3.19.1-iso");

    public void Dispose()
    {
        _client.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task GetIndexAsync_LocalDirectoryReadInPlace()
    {
        var path = await _fetcher.GetIndexAsync(new Repository(RepositoryDirectory), Arch, CancellationToken.None);

        Assert.Equal(Path.Combine(RepositoryDirectory, Arch, "APKINDEX.tar.gz"), path);
    }

    [Fact]
    public async Task GetIndexAsync_FileUrlReadInPlace()
    {
        var url = new Uri(RepositoryDirectory).AbsoluteUri;

        var path = await _fetcher.GetIndexAsync(new Repository(url), Arch, CancellationToken.None);

        Assert.Equal(Path.Combine(RepositoryDirectory, Arch, "APKINDEX.tar.gz"), path);
    }

    [Fact]
    public async Task GetIndexAsync_MissingLocalIndexNamesPath()
    {
        var repository = new Repository(RepositoryDirectory);

        var error = await Assert.ThrowsAsync<ApkException>(
            () => _fetcher.GetIndexAsync(repository, "aarch64", CancellationToken.None));

        Assert.Equal("APKO2054", error.Code);
        Assert.Contains(Path.Combine(RepositoryDirectory, "aarch64", "APKINDEX.tar.gz"), error.Message);
    }

    [Fact]
    public async Task GetIndexAsync_RelativePathRejected()
    {
        var error = await Assert.ThrowsAsync<ApkException>(
            () => _fetcher.GetIndexAsync(new Repository("./packages"), Arch, CancellationToken.None));

        Assert.Equal("APKO2051", error.Code);
        Assert.Contains("'./packages'", error.Message);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/alpine")]
    [InlineData("s3://bucket/alpine")]
    public async Task GetIndexAsync_UnsupportedSchemeRejected(string location)
    {
        var error = await Assert.ThrowsAsync<ApkException>(
            () => _fetcher.GetIndexAsync(new Repository(location), Arch, CancellationToken.None));

        Assert.Contains("is not supported", error.Message);
    }

    [Theory]
    [InlineData("../x86_64")]
    [InlineData("..")]
    [InlineData("")]
    public async Task GetIndexAsync_ArchWithSlashRejected(string arch)
    {
        var error = await Assert.ThrowsAsync<ApkException>(
            () => _fetcher.GetIndexAsync(new Repository(RepositoryDirectory), arch, CancellationToken.None));

        Assert.Equal("APKO2052", error.Code);
    }

    [Fact]
    public async Task GetPackageAsync_LocalDirectoryReadInPlace()
    {
        var path = await _fetcher.GetPackageAsync(
            new Repository(RepositoryDirectory), Arch, "zlib-1.3.1-r0.apk", null, CancellationToken.None);

        Assert.Equal(Path.Combine(RepositoryDirectory, Arch, "zlib-1.3.1-r0.apk"), path);
    }

    [Fact]
    public async Task GetPackageAsync_MissingLocalPackageNamesPath()
    {
        var error = await Assert.ThrowsAsync<ApkException>(() => _fetcher.GetPackageAsync(
            new Repository(RepositoryDirectory), Arch, "zlib-9.9-r0.apk", null, CancellationToken.None));

        Assert.Contains(Path.Combine(RepositoryDirectory, Arch, "zlib-9.9-r0.apk"), error.Message);
    }

    [Fact]
    public async Task GetPackageAsync_FileNameWithSlashRejected()
    {
        var error = await Assert.ThrowsAsync<ApkException>(() => _fetcher.GetPackageAsync(
            new Repository(RepositoryDirectory), Arch, "../x86_64/zlib-1.3.1-r0.apk", null, CancellationToken.None));

        Assert.Equal("APKO2052", error.Code);
    }

    [Fact]
    public async Task GetKeyAsync_LocalFileReturnsBytes()
    {
        var keyPath = Directory.GetFiles(Fixtures.Path("alpine", "keys"), "*.rsa.pub")[0];

        var bytes = await _fetcher.GetKeyAsync(keyPath, CancellationToken.None);

        Assert.Equal(await File.ReadAllBytesAsync(keyPath, TestContext.Current.CancellationToken), bytes);
    }

    [Fact]
    public async Task GetKeyAsync_FileUrlReturnsBytes()
    {
        var keyPath = Directory.GetFiles(Fixtures.Path("alpine", "keys"), "*.rsa.pub")[0];

        var bytes = await _fetcher.GetKeyAsync(new Uri(keyPath).AbsoluteUri, CancellationToken.None);

        Assert.Equal(await File.ReadAllBytesAsync(keyPath, TestContext.Current.CancellationToken), bytes);
    }

    [Fact]
    public async Task GetKeyAsync_MissingFileNamesPath()
    {
        var missing = Path.Combine(_cache.Path, "missing.rsa.pub");

        var error = await Assert.ThrowsAsync<ApkException>(() => _fetcher.GetKeyAsync(missing, CancellationToken.None));

        Assert.Contains(missing, error.Message);
    }
}
