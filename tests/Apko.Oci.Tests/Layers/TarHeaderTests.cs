using System.Formats.Tar;
using System.Text;
using Apko.Oci.Layers;

namespace Apko.Oci.Tests.Layers;

public sealed class TarHeaderTests
{
    [Fact]
    public void Create_ShortEntryIsOneUstarBlock()
    {
        var header = TarHeader.Create(LayerEntry.Directory("etc", SampleEntries.Directory));

        Assert.Equal(512, header.Length);
        Assert.Equal("ustar\000", Encoding.ASCII.GetString(header, 257, 8));
        Assert.Equal((byte)'5', header[156]);
    }

    [Fact]
    public void Create_LongSplittablePathStaysUstar()
    {
        var path = "opt/" + SampleEntries.LongDirectory + "/file.txt";

        var header = TarHeader.Create(LayerEntry.RegularFile(path, SampleEntries.File, []));

        Assert.Equal(512, header.Length);
        Assert.Equal("file.txt", Encoding.ASCII.GetString(header, 0, 8));
        Assert.Equal(0, header[8]);
        Assert.Equal("opt/" + SampleEntries.LongDirectory, Encoding.ASCII.GetString(header, 345, 4 + 119));
    }

    [Fact]
    public void Create_XattrWritesPaxHeaderWithoutProcessId()
    {
        var entry = LayerEntry.RegularFile("bin/ping", SampleEntries.File, []) with
        {
            Xattrs = new Dictionary<string, byte[]> { ["security.capability"] = [1, 0, 10] },
        };

        var header = TarHeader.Create(entry);

        Assert.Equal(3 * 512, header.Length);
        Assert.Equal("bin/PaxHeaders.0/ping\0", Encoding.ASCII.GetString(header, 0, 22));
        Assert.Equal((byte)'x', header[156]);
        Assert.Equal(new byte[16], header[329..345]);
        Assert.Equal(
            "40 SCHILY.xattr.security.capability=\u0001\u0000\n\n",
            Encoding.Latin1.GetString(header, 512, 40));
        Assert.Equal("bin/ping\0", Encoding.ASCII.GetString(header, 1024, 9));
        Assert.Equal("0000000\0", Encoding.ASCII.GetString(header, 1024 + 329, 8));
    }

    [Fact]
    public void Create_NonAsciiNameUsesPaxPath()
    {
        var header = TarHeader.Create(LayerEntry.RegularFile("home/café", SampleEntries.File, []));
        var records = Encoding.UTF8.GetString(header, 512, 512).TrimEnd('\0');

        Assert.Equal("home/PaxHeaders.0/caf\0", Encoding.ASCII.GetString(header, 0, 22));
        Assert.Equal("19 path=home/café\n", records);
        Assert.Equal("home/caf\0", Encoding.ASCII.GetString(header, 1024, 9));
    }

    [Fact]
    public void Create_LargeUidUsesPaxRecord()
    {
        var entry = LayerEntry.Directory("home", SampleEntries.Directory) with { Uid = 3_000_000 };

        var header = TarHeader.Create(entry);

        Assert.Equal("15 uid=3000000\n", Encoding.ASCII.GetString(header, 512, 15));
        Assert.Equal("0000000\0", Encoding.ASCII.GetString(header, 1024 + 108, 8));
    }

    [Fact]
    public void Create_RecordLengthCountsItsOwnDigits()
    {
        // Key and value take 95 bytes, so with " ", "=" and "\n" the length reaches 100 and needs a third digit.
        var entry = LayerEntry.Directory("etc", SampleEntries.Directory) with
        {
            Xattrs = new Dictionary<string, byte[]> { ["user.x"] = new byte[76] },
        };

        var header = TarHeader.Create(entry);
        var record = Encoding.ASCII.GetString(header, 512, 512).TrimEnd('\0');

        Assert.Equal(101, record.Length);
        Assert.StartsWith("101 SCHILY.xattr.user.x=", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteEntry_SystemFormatsTarReadsSample()
    {
        var tar = await LayerTarWriterTests.WriteTarAsync(SampleEntries.Create("a"));
        var entries = ReadAll(tar);

        Assert.Equal(SampleEntries.Create("a").Select(e => e.Path), entries.Select(e => e.Name));
        var ping = (PaxTarEntry)entries.Single(e => e.Name == "bin/ping");
        var capability = ping.ExtendedAttributes["SCHILY.xattr.security.capability"];
        Assert.Equal(
            Encoding.Latin1.GetString(SampleEntries.Capability),
            Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(capability)));
        var su = entries.Single(e => e.Name == "bin/su");
        Assert.Equal((UnixFileMode)0x9ED, su.Mode);
        Assert.Equal(1_700_000_000, su.ModificationTime.ToUnixTimeSeconds());
        var sda = (PosixTarEntry)entries.Single(e => e.Name == "dev/sda");
        Assert.Equal(TarEntryType.BlockDevice, sda.EntryType);
        Assert.Equal(8, sda.DeviceMajor);
        Assert.Equal("disk", sda.GroupName);
        var link = entries.Single(e => e.Name == "opt/link");
        Assert.Equal(2 * SampleEntries.LongDirectory.Length + 9, link.LinkName.Length);
    }

    private static List<TarEntry> ReadAll(byte[] tar)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}
