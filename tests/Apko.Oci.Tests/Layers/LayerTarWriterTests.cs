using System.Security.Cryptography;
using Apko.Oci.Layers;
using Apko.Oci.Model;

namespace Apko.Oci.Tests.Layers;

public sealed class LayerTarWriterTests
{
    [Theory]
    [InlineData(GoldenLayer.BlobHex, GoldenLayer.DiffId)]
    [InlineData(GoldenLayer.Arm64BlobHex, GoldenLayer.Arm64DiffId)]
    public async Task WriteEntry_ReproducesGoldenLayerBytes(string blobHex, string diffId)
    {
        var golden = GoldenLayer.ReadTar(blobHex);
        var entries = GoldenLayer.ReadEntries(golden);

        var written = await WriteTarAsync(entries);

        Assert.Equal(39, entries.Count);
        Assert.Equal(diffId, Digest.Sha256(written).ToString());
        Assert.Equal(golden.Length, written.Length);
    }

    [Fact]
    public async Task WriteEntry_ContentShorterThanSize_Throws()
    {
        var entry = LayerEntry.RegularFile("etc/motd", (UnixFileMode)0x1A4, [1, 2, 3]) with { Size = 4 };

        var exception = await Assert.ThrowsAsync<OciException>(() => WriteTarAsync([entry]));

        Assert.Equal("APKO4103", exception.Code);
        Assert.Contains("'etc/motd'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteEntry_ContentLongerThanSize_Throws()
    {
        var entry = LayerEntry.RegularFile("etc/motd", (UnixFileMode)0x1A4, [1, 2, 3]) with { Size = 2 };

        var exception = await Assert.ThrowsAsync<OciException>(() => WriteTarAsync([entry]));

        Assert.Equal("APKO4103", exception.Code);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("etc/")]
    [InlineData("etc//passwd")]
    [InlineData("etc/../passwd")]
    [InlineData("")]
    public async Task WriteEntry_InvalidPath_Throws(string path)
    {
        var entry = LayerEntry.Directory(path, (UnixFileMode)0x1ED);

        var exception = await Assert.ThrowsAsync<OciException>(() => WriteTarAsync([entry]));

        Assert.Equal("APKO4101", exception.Code);
    }

    [Fact]
    public async Task WriteEntry_SizeOnDirectory_Throws()
    {
        var entry = LayerEntry.Directory("etc", (UnixFileMode)0x1ED) with { Size = 3 };

        var exception = await Assert.ThrowsAsync<OciException>(() => WriteTarAsync([entry]));

        Assert.Equal("APKO4102", exception.Code);
    }

    internal static async Task<byte[]> WriteTarAsync(IEnumerable<LayerEntry> entries)
    {
        using var output = new MemoryStream();
        var writer = new LayerTarWriter(output);
        foreach (var entry in entries)
        {
            await writer.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
        }

        await writer.CompleteAsync(TestContext.Current.CancellationToken);
        return output.ToArray();
    }
}
