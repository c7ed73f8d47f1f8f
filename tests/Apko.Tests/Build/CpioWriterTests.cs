using System.Text;
using Apko.Build;
using Apko.Oci.Layers;

namespace Apko.Tests.Build;

public sealed class CpioWriterTests
{
    [Fact]
    public async Task WriteEntry_WritesNewcHeadersAndTrailer()
    {
        using var output = new MemoryStream();
        var writer = new CpioWriter(output);

        await writer.WriteEntryAsync(LayerEntry.Directory("etc", (UnixFileMode)0x1ED), CancellationToken.None);
        await writer.WriteEntryAsync(LayerEntry.RegularFile("etc/motd", (UnixFileMode)0x1A4, "hello\n"u8.ToArray()), CancellationToken.None);
        await writer.WriteEntryAsync(LayerEntry.SymbolicLink("etc/link", "motd"), CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        var entries = ParseNewc(output.ToArray());
        Assert.Equal(["etc", "etc/motd", "etc/link", "TRAILER!!!"], entries.Select(e => e.Name));
        Assert.Equal(0x41ED, entries[0].Mode);
        Assert.Equal(0x81A4, entries[1].Mode);
        Assert.Equal("hello\n", entries[1].Data);
        Assert.Equal(0xA000, entries[2].Mode & 0xF000);
        Assert.Equal("motd", entries[2].Data);
    }

    [Fact]
    public async Task WriteEntry_HardLinkCarriesTargetContent()
    {
        using var output = new MemoryStream();
        var writer = new CpioWriter(output);

        await writer.WriteEntryAsync(LayerEntry.RegularFile("a", (UnixFileMode)0x1A4, "data"u8.ToArray()), CancellationToken.None);
        await writer.WriteEntryAsync(
            new LayerEntry { Path = "b", Type = LayerEntryType.HardLink, Mode = (UnixFileMode)0x1A4, LinkTarget = "a" },
            CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        var entries = ParseNewc(output.ToArray());
        Assert.Equal("data", entries[1].Data);
    }

    /// <summary>Reads a newc archive independently of the writer: 110-byte header, name and data padded to 4.</summary>
    private static List<(string Name, int Mode, string Data)> ParseNewc(byte[] bytes)
    {
        var entries = new List<(string, int, string)>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var header = Encoding.ASCII.GetString(bytes, offset, 110);
            Assert.Equal("070701", header[..6]);
            int Field(int index) => Convert.ToInt32(header.Substring(6 + (index * 8), 8), 16);
            var mode = Field(1);
            var size = Field(6);
            var nameSize = Field(11);
            var name = Encoding.UTF8.GetString(bytes, offset + 110, nameSize - 1);
            offset = Align(offset + 110 + nameSize);
            var data = Encoding.UTF8.GetString(bytes, offset, size);
            offset = Align(offset + size);
            entries.Add((name, mode, data));
            if (name == "TRAILER!!!")
            {
                break;
            }
        }

        return entries;
    }

    private static int Align(int value) => (value + 3) & ~3;
}
