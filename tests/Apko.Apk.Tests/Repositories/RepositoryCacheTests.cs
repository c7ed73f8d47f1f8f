using Apko.Apk.Repositories;

namespace Apko.Apk.Tests.Repositories;

public sealed class RepositoryCacheTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task GetSizeAsync_SumsAllFiles()
    {
        var cache = new RepositoryCache(Path.Combine(_root.Path, "cache"));
        await cache.EnsureCreatedAsync(Token);
        var tagSize = new FileInfo(Path.Combine(cache.Directory, "CACHEDIR.TAG")).Length;
        Directory.CreateDirectory(Path.Combine(cache.Directory, "packages", "ab"));
        await File.WriteAllBytesAsync(Path.Combine(cache.Directory, "packages", "ab", "a.apk"), new byte[100], Token);
        await File.WriteAllBytesAsync(Path.Combine(cache.Directory, "b"), new byte[200], Token);

        var size = await cache.GetSizeAsync(Token);

        Assert.Equal(300 + tagSize, size);
    }

    [Fact]
    public async Task GetSizeAsync_MissingDirectoryIsZero()
    {
        var cache = new RepositoryCache(Path.Combine(_root.Path, "missing"));

        Assert.Equal(0, await cache.GetSizeAsync(Token));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTaggedCache()
    {
        var cache = new RepositoryCache(Path.Combine(_root.Path, "cache"));
        await cache.EnsureCreatedAsync(Token);
        await File.WriteAllBytesAsync(Path.Combine(cache.Directory, "b"), new byte[10], Token);

        await cache.DeleteAsync(Token);

        Assert.False(Directory.Exists(cache.Directory), $"'{cache.Directory}' still exists");
    }

    [Fact]
    public async Task DeleteAsync_RefusesDirectoryWithoutTag()
    {
        var file = Path.Combine(_root.Path, "precious.txt");
        await File.WriteAllTextAsync(file, "keep me", Token);
        var cache = new RepositoryCache(_root.Path);

        var error = await Assert.ThrowsAsync<ApkException>(() => cache.DeleteAsync(Token));

        Assert.Equal("APKO2063", error.Code);
        Assert.Contains(_root.Path, error.Message);
        Assert.True(File.Exists(file), "a file outside any cache was deleted");
    }

    [Fact]
    public async Task DeleteAsync_MissingDirectoryDoesNothing()
    {
        var cache = new RepositoryCache(Path.Combine(_root.Path, "missing"));

        await cache.DeleteAsync(Token);

        Assert.False(Directory.Exists(cache.Directory), $"'{cache.Directory}' was created");
    }

    [Fact]
    public void Constructor_RelativeDirectoryRejected()
    {
        Assert.Throws<ArgumentException>(() => new RepositoryCache("cache"));
    }

    [Theory]
    [InlineData("https://repo.example/alpine/v3.19/main/x86_64/APKINDEX.tar.gz")]
    [InlineData("http://repo.example/alpine/v3.19/main/x86_64/APKINDEX.tar.gz")]
    [InlineData("https://repo.example:8443/alpine/v3.19/main/x86_64/APKINDEX.tar.gz")]
    public void GetUrlKey_IsSafeAndDistinct(string url)
    {
        var key = RepositoryCache.GetUrlKey(new Uri(url));
        var others = new[]
            {
                "https://repo.example/alpine/v3.19/main/x86_64/APKINDEX.tar.gz",
                "http://repo.example/alpine/v3.19/main/x86_64/APKINDEX.tar.gz",
                "https://repo.example:8443/alpine/v3.19/main/x86_64/APKINDEX.tar.gz",
            }
            .Where(other => other != url)
            .Select(other => RepositoryCache.GetUrlKey(new Uri(other)));

        Assert.DoesNotContain(key, others);
        Assert.True(key.Length <= 100, $"key '{key}' is longer than 100 characters");
        Assert.DoesNotContain('/', key);
        Assert.StartsWith("repo.example", key);
    }

    [Fact]
    public void GetUrlKey_LongUrlShortened()
    {
        var url = new Uri("https://repo.example/" + new string('a', 500) + "/APKINDEX.tar.gz");

        var key = RepositoryCache.GetUrlKey(url);

        Assert.True(key.Length <= 100, $"key '{key}' is longer than 100 characters");
    }
}
