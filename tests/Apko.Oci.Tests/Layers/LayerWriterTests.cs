using System.IO.Compression;
using Apko.Oci.Layers;
using Apko.Oci.Model;

namespace Apko.Oci.Tests.Layers;

public sealed class LayerWriterTests
{
    [Fact]
    public async Task WriteAsync_GoldenEntriesGiveGoldenDiffId()
    {
        using var directory = new TemporaryDirectory();
        var golden = GoldenLayer.ReadTar();
        var path = Path.Combine(directory.Path, "layer.tar.gz");

        var layer = await LayerWriter.WriteAsync(GoldenLayer.ReadEntries(golden), path, new(), Token);

        Assert.Equal(GoldenLayer.DiffId, layer.DiffId.ToString());
        Assert.Equal(MediaType.LayerTarGzip, layer.Descriptor.MediaType);
        var compressed = await File.ReadAllBytesAsync(path, Token);
        Assert.Equal(Digest.Sha256(compressed), layer.Descriptor.Digest);
        Assert.Equal(compressed.Length, layer.Descriptor.Size);
        Assert.Equal(golden, Decompress(compressed));
        Assert.Equal(path, layer.Path);
    }

    [Fact]
    public async Task WriteAsync_Zstd_SameTarAndDiffId()
    {
        using var directory = new TemporaryDirectory();
        var golden = GoldenLayer.ReadTar();
        var path = Path.Combine(directory.Path, "layer.tar.zst");
        var options = new LayerWriterOptions { Compression = LayerCompression.Zstd };

        var layer = await LayerWriter.WriteAsync(GoldenLayer.ReadEntries(golden), path, options, Token);
        var again = await LayerWriter.WriteAsync(
            GoldenLayer.ReadEntries(golden), Path.Combine(directory.Path, "again.tar.zst"), options, Token);

        Assert.Equal(GoldenLayer.DiffId, layer.DiffId.ToString());
        Assert.Equal(MediaType.LayerTarZstd, layer.Descriptor.MediaType);
        var compressed = await File.ReadAllBytesAsync(path, Token);
        Assert.Equal([0x28, 0xB5, 0x2F, 0xFD], compressed[..4]);
        Assert.Equal(Digest.Sha256(compressed), layer.Descriptor.Digest);
        Assert.Equal(compressed.Length, layer.Descriptor.Size);
        using var zstd = new ZstdSharp.DecompressionStream(new MemoryStream(compressed));
        using var tar = new MemoryStream();
        await zstd.CopyToAsync(tar, Token);
        Assert.Equal(golden, tar.ToArray());
        Assert.Equal(layer.Descriptor, again.Descriptor);
    }

    [Fact]
    public async Task WriteAsync_SameDigestsForAnyParallelism()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        var entries = LargeEntries();

        var one = await WriteAsync(entries, Path.Combine(first.Path, "a"), maxParallelism: 1);
        var two = await WriteAsync(entries, Path.Combine(second.Path, "b"), maxParallelism: 2);
        var four = await WriteAsync(entries, Path.Combine(second.Path, "c"), maxParallelism: 4);

        Assert.Equal(one.Descriptor, two.Descriptor);
        Assert.Equal(one.Descriptor, four.Descriptor);
        Assert.Equal(one.DiffId, two.DiffId);
        Assert.True(one.Descriptor.Size > 3 * ParallelGzipStream.ChunkSize / 4, $"size {one.Descriptor.Size}");
    }

    [Fact]
    public async Task WriteAsync_InvalidEntryLeavesNoFile()
    {
        using var directory = new TemporaryDirectory();
        var entries = new[]
        {
            LayerEntry.Directory("etc", SampleEntries.Directory),
            LayerEntry.RegularFile("etc/motd", SampleEntries.File, [1, 2]) with { Size = 5 },
        };

        var exception = await Assert.ThrowsAsync<OciException>(
            () => LayerWriter.WriteAsync(entries, Path.Combine(directory.Path, "layer"), new(), Token));

        Assert.Equal("APKO4103", exception.Code);
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task WriteAsync_MissingDirectoryThrowsWriteFailed()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "missing", "layer");

        var exception = await Assert.ThrowsAsync<OciException>(
            () => LayerWriter.WriteAsync([LayerEntry.Directory("etc", SampleEntries.Directory)], path, new(), Token));

        Assert.Equal("APKO4105", exception.Code);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Returns entries whose tar spans several compression chunks.</summary>
    internal static IReadOnlyList<LayerEntry> LargeEntries()
    {
        var entries = new List<LayerEntry> { LayerEntry.Directory("data", SampleEntries.Directory) };
        for (var i = 0; i < 5; i++)
        {
            var content = ParallelGzipStreamTests.CreateInput(700_000 + i);
            entries.Add(LayerEntry.RegularFile($"data/file{i}", SampleEntries.File, content));
        }

        entries.AddRange(SampleEntries.Create("large"));
        return entries;
    }

    internal static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static Task<LayerBlob> WriteAsync(IReadOnlyList<LayerEntry> entries, string path, int maxParallelism) =>
        LayerWriter.WriteAsync(entries, path, new() { MaxDegreeOfParallelism = maxParallelism }, Token);

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
