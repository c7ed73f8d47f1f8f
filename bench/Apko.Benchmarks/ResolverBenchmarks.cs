using System.Formats.Tar;
using System.IO.Compression;
using Apko.Apk.Indexes;
using Apko.Apk.Resolution;
using Apko.Apk.Versions;
using BenchmarkDotNet.Attributes;

namespace Apko.Benchmarks;

/// <summary>
/// Resolution speed on real Alpine indexes: alpine-base against the Alpine 3.19.1 ISO index, and a 54-package
/// toolchain world against the Alpine 3.16 main index (about 5,000 packages), plus the cost of indexing the latter.
/// </summary>
[MemoryDiagnoser]
public class ResolverBenchmarks
{
    private static readonly Dependency[] s_alpineBaseWorld = [Dependency.Parse("alpine-base")];

    private static readonly Dependency[] s_toolchainWorld =
        [.. "busybox build-base python3 git openssh perl".Split(' ').Select(Dependency.Parse)];

    private RepositoryIndex _alpine319 = null!;
    private RepositoryIndex _alpine316 = null!;
    private Resolver _alpine319Resolver = null!;
    private Resolver _alpine316Resolver = null!;

    [GlobalSetup]
    public void LoadIndexes()
    {
        _alpine319 = ReadIndex("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz");
        _alpine316 = ReadIndex("apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz");
        _alpine319Resolver = new Resolver([_alpine319]);
        _alpine316Resolver = new Resolver([_alpine316]);
    }

    [Benchmark]
    public int ResolveAlpineBase() => _alpine319Resolver.Resolve(s_alpineBaseWorld).Packages.Count;

    [Benchmark]
    public int ResolveToolchainAlpine316() => _alpine316Resolver.Resolve(s_toolchainWorld).Packages.Count;

    [Benchmark]
    public int IndexAndResolveToolchainAlpine316() => new Resolver([_alpine316]).Resolve(s_toolchainWorld).Packages.Count;

    /// <summary>What a build does: read and verify APKINDEX.tar.gz, index it, and resolve the toolchain world.</summary>
    [Benchmark]
    public async Task<int> LoadAndResolveToolchainAlpine316()
    {
        var path = Path.Combine(FindFixtures(), "apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz");
        var keyring = await Apko.Apk.Signing.Keyring.LoadAsync(
            [Path.Combine(FindFixtures(), "alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")],
            CancellationToken.None);
        var index = await ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Verified(keyring), CancellationToken.None);
        var repository = new RepositoryIndex(new Repository(Path.GetDirectoryName(path)!), "x86_64", index);
        return new Resolver([repository]).Resolve(s_toolchainWorld).Packages.Count;
    }

    private static RepositoryIndex ReadIndex(params string[] fixturePath)
    {
        var path = Path.Combine([FindFixtures(), .. fixturePath]);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "APKINDEX" && entry.DataStream is { } data)
            {
                using var text = new StreamReader(data);
                var packages = ApkIndexTextReader.Read(text, path);
                return new RepositoryIndex(new Repository(Path.GetDirectoryName(path)!), "x86_64", new ApkIndex("", packages));
            }
        }

        throw new InvalidDataException($"'{path}' has no APKINDEX entry.");
    }

    /// <summary>Finds <c>../shared/fixtures</c> beside the repository root, the folder that holds <c>Apko.slnx</c>.</summary>
    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Apko.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            }
        }

        throw new DirectoryNotFoundException($"No Apko.slnx above '{AppContext.BaseDirectory}'.");
    }
}
