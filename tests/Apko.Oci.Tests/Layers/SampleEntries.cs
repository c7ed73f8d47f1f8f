using System.Text;
using Apko.Oci.Layers;

namespace Apko.Oci.Tests.Layers;

/// <summary>A small root file system with every entry kind and every header feature that forces PAX.</summary>
internal static class SampleEntries
{
    public const UnixFileMode Directory = (UnixFileMode)0x1ED;
    public const UnixFileMode File = (UnixFileMode)0x1A4;

    public static readonly string LongDirectory = string.Join('/', Enumerable.Repeat("long-directory-name", 6));

    public static readonly byte[] Capability = [1, 0, 0, 2, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static IReadOnlyList<LayerEntry> Create(string flavour) =>
    [
        LayerEntry.Directory("bin", Directory),
        LayerEntry.RegularFile("bin/ping", (UnixFileMode)0x1ED, Encoding.UTF8.GetBytes("ping " + flavour)) with
        {
            Xattrs = new Dictionary<string, byte[]> { ["security.capability"] = Capability },
        },
        LayerEntry.RegularFile("bin/su", (UnixFileMode)0x9ED, Encoding.UTF8.GetBytes("su")) with
        {
            ModificationTime = 1_700_000_000,
        },
        LayerEntry.SymbolicLink("bin/sh", "busybox"),
        LayerEntry.RegularFile("bin/busybox", (UnixFileMode)0x1ED, Encoding.UTF8.GetBytes("busybox")),
        new LayerEntry
        {
            Path = "bin/busybox-link",
            Type = LayerEntryType.HardLink,
            Mode = (UnixFileMode)0x1ED,
            LinkTarget = "bin/busybox",
        },
        LayerEntry.Directory("dev", Directory),
        new LayerEntry
        {
            Path = "dev/null",
            Type = LayerEntryType.CharacterDevice,
            Mode = (UnixFileMode)0x1B6,
            DevMajor = 1,
            DevMinor = 3,
        },
        new LayerEntry
        {
            Path = "dev/sda",
            Type = LayerEntryType.BlockDevice,
            Mode = (UnixFileMode)0x1B0,
            DevMajor = 8,
            Gid = 6,
            GroupName = "disk",
        },
        new LayerEntry { Path = "dev/pipe", Type = LayerEntryType.Fifo, Mode = (UnixFileMode)0x180 },
        LayerEntry.Directory("home", Directory),
        LayerEntry.Directory("home/nonroot", (UnixFileMode)0x1C0) with
        {
            Uid = 65532,
            Gid = 65532,
            UserName = "nonroot",
            GroupName = "nonroot",
        },
        LayerEntry.RegularFile("home/nonroot/café.txt", File, Encoding.UTF8.GetBytes("crème")) with
        {
            Uid = 65532,
            Gid = 65532,
        },
        LayerEntry.Directory("opt", Directory),
        .. LongPathEntries(),
        LayerEntry.Directory("tmp", (UnixFileMode)0x3FF),
    ];

    private static IEnumerable<LayerEntry> LongPathEntries()
    {
        var parts = LongDirectory.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return LayerEntry.Directory("opt/" + string.Join('/', parts[..i]), Directory);
        }

        yield return LayerEntry.RegularFile("opt/" + LongDirectory + "/file.txt", File, "long"u8.ToArray());
        yield return LayerEntry.SymbolicLink("opt/link", LongDirectory + "/" + LongDirectory + "/missing");
    }
}
