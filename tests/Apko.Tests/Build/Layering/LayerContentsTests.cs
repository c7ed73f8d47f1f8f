using Apko.Apk.FileSystem;
using Apko.Build.Layering;
using Apko.Oci.Layers;

namespace Apko.Tests.Build.Layering;

public sealed class LayerContentsTests
{
    private static readonly Dictionary<string, LayerEntry> s_directories = new()
    {
        ["usr"] = LayerEntry.Directory("usr", (UnixFileMode)0x1ED, 5),
        ["usr/bin"] = LayerEntry.Directory("usr/bin", (UnixFileMode)0x1E8, 6) with { Uid = 3 },
    };

    [Fact]
    public void Add_WritesMissingParentsWithFileTime()
    {
        var layer = new LayerContents();
        var content = FileContent.FromBytes("a"u8.ToArray());

        layer.Add(File("usr/bin/a", 42), content, s_directories);
        layer.Add(File("usr/bin/b", 43), FileContent.FromBytes("b"u8.ToArray()), s_directories);

        Assert.Equal(["usr", "usr/bin", "usr/bin/a", "usr/bin/b"], layer.Entries.Select(e => e.Path));
        Assert.Equal(s_directories["usr"] with { ModificationTime = 42 }, layer.Entries[0]);
        Assert.Equal(s_directories["usr/bin"] with { ModificationTime = 42 }, layer.Entries[1]);
    }

    [Fact]
    public void Add_KeepsDirectoriesAlreadyWritten()
    {
        var layer = new LayerContents();
        layer.AddDirectory(s_directories["usr"]);

        layer.Add(File("usr/bin/a", 42), FileContent.FromBytes("a"u8.ToArray()), s_directories);

        Assert.Equal(["usr", "usr/bin", "usr/bin/a"], layer.Entries.Select(e => e.Path));
        Assert.Equal(5, layer.Entries[0].ModificationTime);
    }

    [Fact]
    public void Add_LinksOnlyWithinLayer()
    {
        var shared = FileContent.FromBytes("shared"u8.ToArray());
        var first = new LayerContents();
        var second = new LayerContents();

        first.Add(File("usr/bin/a", 1), shared, s_directories);
        second.Add(HardLink("usr/bin/b", "usr/bin/a"), shared, s_directories);
        second.Add(HardLink("usr/bin/c", "usr/bin/a"), shared, s_directories);

        var copy = second.Entries.Single(e => e.Path == "usr/bin/b");
        Assert.Equal(LayerEntryType.RegularFile, copy.Type);
        Assert.Equal("", copy.LinkTarget);
        Assert.Equal(shared.Length, copy.Size);
        Assert.NotNull(copy.OpenContent);
        var link = second.Entries.Single(e => e.Path == "usr/bin/c");
        Assert.Equal(LayerEntryType.HardLink, link.Type);
        Assert.Equal("usr/bin/b", link.LinkTarget);
        Assert.Null(link.OpenContent);
    }

    private static LayerEntry File(string path, long modificationTime) =>
        LayerEntry.RegularFile(path, (UnixFileMode)0x1A4, [], modificationTime);

    private static LayerEntry HardLink(string path, string target) =>
        new() { Path = path, Type = LayerEntryType.HardLink, Mode = (UnixFileMode)0x1A4, LinkTarget = target };
}
