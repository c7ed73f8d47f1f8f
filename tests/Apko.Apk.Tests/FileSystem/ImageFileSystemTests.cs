using System.Text;
using Apko.Apk.FileSystem;

namespace Apko.Apk.Tests.FileSystem;

public sealed class ImageFileSystemTests
{
    private const UnixFileMode Mode0755 = (UnixFileMode)0x1ED;
    private const UnixFileMode Mode0644 = (UnixFileMode)0x1A4;

    [Fact]
    public void MkdirAll_CreatesParentsWithMetadata()
    {
        var fs = new ImageFileSystem();

        var leaf = fs.MkdirAll("/var/lib/db", (UnixFileMode)0x1C0, uid: 5, gid: 7, modificationTime: 42);

        Assert.Equal("db", leaf.Name);
        var parent = fs.Lstat("var/lib")!;
        Assert.Equal(FileNodeType.Directory, parent.Type);
        Assert.Equal((UnixFileMode)0x1C0, parent.Mode);
        Assert.Equal(5, parent.Uid);
        Assert.Equal(7, parent.Gid);
        Assert.Equal(42, parent.ModificationTime);
    }

    [Fact]
    public void MkdirAll_KeepsExistingDirectoryMetadata()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("tmp", (UnixFileMode)0x3FF);

        fs.MkdirAll("tmp/x", Mode0755, uid: 9);

        Assert.Equal((UnixFileMode)0x3FF, fs.Lstat("tmp")!.Mode);
        Assert.Equal(0, fs.Lstat("tmp")!.Uid);
        Assert.Equal(9, fs.Lstat("tmp/x")!.Uid);
    }

    [Fact]
    public void MkdirAll_ThroughFileFails()
    {
        var fs = new ImageFileSystem();
        fs.WriteFile("etc", [], Mode0644);

        var error = Assert.Throws<ApkException>(() => fs.MkdirAll("etc/apk", Mode0755));

        Assert.Equal("APKO2402", error.Code);
        Assert.Contains("'/etc'", error.Message);
    }

    [Fact]
    public void WriteFile_FollowsUsrMergeSymlink()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("usr/lib", Mode0755);
        fs.Symlink("lib", "usr/lib");

        fs.WriteFile("/lib/libc.so", Encoding.UTF8.GetBytes("elf"), Mode0755);

        Assert.Equal(FileNodeType.RegularFile, fs.Lstat("usr/lib/libc.so")!.Type);
        Assert.Equal(FileNodeType.Symlink, fs.Lstat("lib")!.Type);
        Assert.True(fs.Exists("lib/libc.so"));
        Assert.Equal(FileNodeType.Directory, fs.Stat("lib")!.Type);
    }

    [Fact]
    public void WriteFile_AbsoluteLinkOutsideStaysInRoot()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("etc", Mode0755);
        fs.MkdirAll("tmp", Mode0755);
        fs.Symlink("etc/escape", "/../../../tmp");
        fs.Symlink("etc/relative", "../../../../tmp");

        fs.WriteFile("etc/escape/a", [1], Mode0644);
        fs.WriteFile("etc/relative/b", [2], Mode0644);

        Assert.Equal(["a", "b"], fs.ReadDirectory("tmp"));
    }

    [Fact]
    public void WriteFile_DotDotClampsAtRoot()
    {
        var fs = new ImageFileSystem();

        fs.WriteFile("../../x", [1], Mode0644);

        Assert.Equal(["x"], fs.ReadDirectory("/"));
    }

    [Fact]
    public void WriteFile_OverDirectoryFails()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("etc", Mode0755);

        var error = Assert.Throws<ApkException>(() => fs.WriteFile("etc", [1], Mode0644));

        Assert.Equal("APKO2405", error.Code);
    }

    [Fact]
    public void WriteFile_MissingParentFails()
    {
        var fs = new ImageFileSystem();

        var error = Assert.Throws<ApkException>(() => fs.WriteFile("no/such/file", [1], Mode0644));

        Assert.Equal("APKO2401", error.Code);
        Assert.Contains("'/no/such'", error.Message);
    }

    [Fact]
    public void Stat_SymlinkLoopFails()
    {
        var fs = new ImageFileSystem();
        fs.Symlink("a", "b");
        fs.Symlink("b", "a");

        var error = Assert.Throws<ApkException>(() => fs.Stat("a"));

        Assert.Equal("APKO2404", error.Code);
        Assert.Equal(FileNodeType.Symlink, fs.Lstat("a")!.Type);
    }

    [Fact]
    public void Stat_MissingOrBlockedReturnsNull()
    {
        var fs = new ImageFileSystem();
        fs.WriteFile("file", [1], Mode0644);

        Assert.Null(fs.Stat("missing"));
        Assert.Null(fs.Stat("file/below"));
        Assert.False(fs.Exists("file/below"));
    }

    [Fact]
    public void Chmod_KeepsSpecialBits()
    {
        var fs = new ImageFileSystem();
        fs.WriteFile("bbsuid", [1], Mode0755);
        fs.MkdirAll("tmp", Mode0755);

        fs.Chmod("bbsuid", (UnixFileMode)0x949);
        fs.Chmod("tmp", (UnixFileMode)0x3FF);

        Assert.Equal(UnixFileMode.SetUser, fs.Lstat("bbsuid")!.Mode & UnixFileMode.SetUser);
        Assert.Equal((UnixFileMode)0x949, fs.Lstat("bbsuid")!.Mode);
        Assert.Equal(UnixFileMode.StickyBit, fs.Lstat("tmp")!.Mode & UnixFileMode.StickyBit);
    }

    [Fact]
    public void Chown_FollowsSymlink()
    {
        var fs = new ImageFileSystem();
        fs.WriteFile("target", [1], Mode0644);
        fs.Symlink("link", "target");

        fs.Chown("link", 1000, 1001);

        Assert.Equal(1000, fs.Lstat("target")!.Uid);
        Assert.Equal(1001, fs.Lstat("target")!.Gid);
        Assert.Equal(0, fs.Lstat("link")!.Uid);
    }

    [Fact]
    public async Task Hardlink_SharesContentAndRecordsTarget()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("usr/bin", Mode0755);
        fs.WriteFile("usr/bin/a", Encoding.UTF8.GetBytes("same"), Mode0755, uid: 3);

        var link = fs.Hardlink("usr/bin/b", "/usr/bin/a");

        Assert.Equal(FileNodeType.HardLink, link.Type);
        Assert.Equal("usr/bin/a", link.LinkTarget);
        Assert.Equal(3, link.Uid);
        Assert.Equal("same", Encoding.UTF8.GetString(await fs.ReadFileAsync("usr/bin/b", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void Mknod_StoresDeviceNumbers()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("dev", Mode0755);

        fs.Mknod("dev/console", FileNodeType.CharacterDevice, (UnixFileMode)0x190, 5, 1);

        var node = fs.Lstat("dev/console")!;
        Assert.Equal(FileNodeType.CharacterDevice, node.Type);
        Assert.Equal(5, node.DeviceMajor);
        Assert.Equal(1, node.DeviceMinor);
        Assert.Equal((UnixFileMode)0x190, node.Mode);
    }

    [Fact]
    public void Remove_NonEmptyDirectoryNeedsRecursive()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("a/b", Mode0755);

        var error = Assert.Throws<ApkException>(() => fs.Remove("a"));
        var removed = fs.Remove("a", recursive: true);

        Assert.Equal("APKO2407", error.Code);
        Assert.True(removed);
        Assert.False(fs.Exists("a"));
        Assert.False(fs.Remove("a"));
    }

    [Fact]
    public void Remove_SymlinkKeepsTarget()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("usr/lib", Mode0755);
        fs.Symlink("lib", "usr/lib");

        fs.Remove("lib");

        Assert.Null(fs.Lstat("lib"));
        Assert.NotNull(fs.Lstat("usr/lib"));
    }

    [Fact]
    public void Walk_SortsByUtf8BytesParentsFirst()
    {
        var fs = new ImageFileSystem();
        fs.MkdirAll("b/c", Mode0755);
        fs.WriteFile("a-b", [1], Mode0644);
        fs.MkdirAll("a", Mode0755);
        fs.WriteFile("a/z", [1], Mode0644);
        fs.WriteFile("B", [1], Mode0644);
        fs.WriteFile("\U0001D538", [1], Mode0644);
        fs.WriteFile("\uFFFD", [1], Mode0644);
        fs.Symlink("b/link", "../a");

        var paths = fs.Walk().Select(entry => entry.Path).ToList();

        string[] expected = ["B", "a", "a/z", "a-b", "b", "b/c", "b/link", "\uFFFD", "\U0001D538"];
        Assert.Equal(expected, paths);
    }

    [Fact]
    public async Task FileSegment_ReadsOnlyItsRange()
    {
        var path = Path.Combine(Path.GetTempPath(), $"apko-segment-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, Encoding.ASCII.GetBytes("0123456789"), TestContext.Current.CancellationToken);
        try
        {
            var fs = new ImageFileSystem();
            fs.WriteFile("part", FileContent.FromFileSegment(path, 3, 4), Mode0644);

            var bytes = await fs.ReadFileAsync("part", TestContext.Current.CancellationToken);

            Assert.Equal("3456", Encoding.ASCII.GetString(bytes));
            Assert.Equal(4, fs.Lstat("part")!.Size);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadDirectory_OnFileFails()
    {
        var fs = new ImageFileSystem();
        fs.WriteFile("file", [1], Mode0644);

        var error = Assert.Throws<ApkException>(() => fs.ReadDirectory("file"));

        Assert.Equal("APKO2402", error.Code);
    }
}
