using Apko.Oci.Layers;
using BenchmarkDotNet.Attributes;

namespace Apko.Benchmarks;

/// <summary>Measures writing a 64 MiB layer of 256 files (tar, gzip and both digests) at 1 and 2 threads.</summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    private const int FileCount = 256;
    private const int FileSize = 256 * 1024;

    private readonly List<LayerEntry> _entries = [];
    private string _directory = "";

    [Params(1, 2)]
    public int MaxDegreeOfParallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("apko-bench-").FullName;
        var random = new Random(42);
        _entries.Add(LayerEntry.Directory("usr", (UnixFileMode)0x1ED));
        for (var i = 0; i < FileCount; i++)
        {
            var content = new byte[FileSize];
            for (var j = 0; j < content.Length; j++)
            {
                // Half text-like runs, half noise: roughly the ratio of binaries and data files in a rootfs.
                content[j] = j % 64 < 32 ? (byte)('a' + (j / 7 % 26)) : (byte)random.Next(256);
            }

            _entries.Add(LayerEntry.RegularFile($"usr/file{i:D4}", (UnixFileMode)0x1A4, content));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public Task<LayerBlob> WriteLayer() => LayerWriter.WriteAsync(
        _entries,
        Path.Combine(_directory, "layer.tar.gz"),
        new LayerWriterOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism },
        CancellationToken.None);
}
