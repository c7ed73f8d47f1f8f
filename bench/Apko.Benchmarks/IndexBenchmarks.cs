using Apko.Apk.Indexes;
using Apko.Apk.Signing;
using BenchmarkDotNet.Attributes;

namespace Apko.Benchmarks;

/// <summary>
/// Loads the Alpine v3.19 main (5,443 packages) and community (17,587 packages) indexes from the shared fixtures,
/// with signature verification, as a build does for each repository.
/// </summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private string _main = "";
    private string _community = "";
    private ApkIndexReadOptions _options = ApkIndexReadOptions.Unverified();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var fixtures = FindFixtures();
        var snapshot = Path.Combine(fixtures, "alpine", "v3.19-snapshot-2024-06-18");
        _main = Path.Combine(snapshot, "main", "x86_64", "APKINDEX.tar.gz");
        _community = Path.Combine(snapshot, "community", "x86_64", "APKINDEX.tar.gz");
        var keys = Directory.GetFiles(Path.Combine(fixtures, "alpine", "keys"), "*.rsa.pub");
        _options = ApkIndexReadOptions.Verified(await Keyring.LoadAsync(keys, CancellationToken.None));
    }

    [Benchmark]
    public async Task<int> LoadMain() =>
        (await ApkIndexReader.ReadAsync(_main, _options, CancellationToken.None)).Packages.Count;

    [Benchmark]
    public async Task<int> LoadCommunity() =>
        (await ApkIndexReader.ReadAsync(_community, _options, CancellationToken.None)).Packages.Count;

    private static string FindFixtures()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Apko.slnx")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "fixtures"));
            }
        }

        throw new InvalidOperationException($"No Apko.slnx above '{AppContext.BaseDirectory}'.");
    }
}
