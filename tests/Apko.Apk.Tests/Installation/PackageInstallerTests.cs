using System.Buffers.Binary;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Indexes;
using Apko.Apk.Installation;

namespace Apko.Apk.Tests.Installation;

public sealed class PackageInstallerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"apko-installer-{Guid.NewGuid():N}");
    private readonly ImageFileSystem _fileSystem = new();
    private readonly InstalledDatabase _database = new();

    public PackageInstallerTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("etc/../../passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("./etc/passwd")]
    [InlineData("etc//passwd")]
    [InlineData("etc/pass\u0001wd")]
    public async Task Install_UnsafeNameRejected(string name)
    {
        var tar = new TestTarBuilder().Directory("etc").File(name, [1]);

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("evil"), tar));

        Assert.Equal("APKO2410", error.Code);
        Assert.Contains("'evil-1.0-r0'", error.Message);
        Assert.Empty(_fileSystem.Walk());
        Assert.Empty(_database.Packages);
    }

    [Fact]
    public async Task Install_HardlinkOutsideRejected()
    {
        var tar = new TestTarBuilder().Directory("etc").HardLink("etc/shadow", "../../etc/shadow");

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("evil"), tar));

        Assert.Equal("APKO2410", error.Code);
        Assert.Contains("'../../etc/shadow'", error.Message);
    }

    [Fact]
    public async Task Install_ChecksumMismatchRejected()
    {
        var wrong = Convert.ToHexStringLower(SHA1.HashData("other"u8));
        var tar = new TestTarBuilder().Directory("etc").File("etc/motd", "hello"u8.ToArray(), checksum: wrong);

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("motd"), tar));

        Assert.Equal("APKO2411", error.Code);
        Assert.Contains("'motd-1.0-r0'", error.Message);
        Assert.Contains("'/etc/motd'", error.Message);
        Assert.Contains(wrong, error.Message);
        Assert.Empty(_fileSystem.Walk());
    }

    [Fact]
    public async Task Install_AcceptsQ1Checksum()
    {
        var content = "hello"u8.ToArray();
        var q1 = "Q1" + Convert.ToBase64String(SHA1.HashData(content));
        var tar = new TestTarBuilder().Directory("etc").File("etc/motd", content, checksum: q1);

        var installed = await InstallAsync(Package("motd"), tar);

        Assert.Equal(q1, installed.Directories.Single().Files.Single().Checksum);
    }

    [Fact]
    public async Task Install_ConflictNamesBothPackages()
    {
        await InstallAsync(Package("first"), new TestTarBuilder().Directory("etc").File("etc/x", [1]));
        var second = new TestTarBuilder().Directory("etc").File("etc/a", [3]).File("etc/x", [2]);

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("second"), second));

        Assert.Equal("APKO2412", error.Code);
        Assert.Contains("'second-1.0-r0'", error.Message);
        Assert.Contains("'first-1.0-r0'", error.Message);
        Assert.Contains("'/etc/x'", error.Message);
        Assert.False(_fileSystem.Exists("etc/a"));
        Assert.Null(_database.Find("second"));
    }

    [Fact]
    public async Task Install_ReplacesTakesOverFile()
    {
        var first = await InstallAsync(Package("first"), new TestTarBuilder().Directory("etc").File("etc/x", [1]));
        var second = await InstallAsync(
            Package("second") with { Replaces = ["first"] },
            new TestTarBuilder().Directory("etc").File("etc/x", [2]));

        Assert.Equal([2], await _fileSystem.ReadFileAsync("etc/x", TestContext.Current.CancellationToken));
        Assert.Equal("second", _fileSystem.Lstat("etc/x")!.Package);
        Assert.Empty(first.Directories.Single().Files);
        Assert.Single(second.Directories.Single().Files);
        Assert.Same(second, _database.FindFileOwner("/etc/x"));
    }

    [Fact]
    public async Task Install_ExistingReplacerKeepsFile()
    {
        var first = await InstallAsync(
            Package("first") with { Replaces = ["second>1"] },
            new TestTarBuilder().Directory("etc").File("etc/x", [1]));
        var second = await InstallAsync(Package("second"), new TestTarBuilder().Directory("etc").File("etc/x", [2]));

        Assert.Equal([1], await _fileSystem.ReadFileAsync("etc/x", TestContext.Current.CancellationToken));
        Assert.Single(first.Directories.Single().Files);
        Assert.Empty(second.Directories.Single().Files);
    }

    [Fact]
    public async Task Install_SameOriginLaterWins()
    {
        await InstallAsync(Package("first") with { Origin = "src" }, new TestTarBuilder().Directory("etc").File("etc/x", [1]));
        await InstallAsync(Package("second") with { Origin = "src" }, new TestTarBuilder().Directory("etc").File("etc/x", [2]));

        Assert.Equal([2], await _fileSystem.ReadFileAsync("etc/x", TestContext.Current.CancellationToken));
        Assert.Equal("second", _database.FindFileOwner("etc/x")!.Package.Name);
    }

    [Fact]
    public async Task Install_IdenticalContentKeepsOwner()
    {
        await InstallAsync(Package("first"), new TestTarBuilder().Directory("etc").File("etc/x", [1]));
        var second = await InstallAsync(Package("second"), new TestTarBuilder().Directory("etc").File("etc/x", [1]));

        Assert.Equal("first", _database.FindFileOwner("etc/x")!.Package.Name);
        Assert.Empty(second.Directories.Single().Files);
    }

    [Fact]
    public async Task Install_MissingDirectoryEntryRejected()
    {
        var tar = new TestTarBuilder().File("usr/bin/tool", [1]);

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("tool"), tar));

        Assert.Equal("APKO2413", error.Code);
        Assert.Contains("'/usr/bin'", error.Message);
    }

    [Fact]
    public async Task Install_RootFileGetsBareDirectory()
    {
        var installed = await InstallAsync(Package("hello"), new TestTarBuilder().File("hello", [1], mode: 0x1ED));

        var text = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled([installed]));

        Assert.Contains("\nF:\nR:hello\na:0:0:755\nZ:Q1", text);
    }

    [Fact]
    public async Task Install_HardlinkSharesTargetChecksum()
    {
        var tar = new TestTarBuilder().Directory("bin").File("bin/a", [7], mode: 0x1ED).HardLink("bin/b", "bin/a");

        var installed = await InstallAsync(Package("links"), tar);

        var link = _fileSystem.Lstat("bin/b")!;
        Assert.Equal(FileNodeType.HardLink, link.Type);
        Assert.Equal("bin/a", link.LinkTarget);
        Assert.Equal([7], await _fileSystem.ReadFileAsync("bin/b", TestContext.Current.CancellationToken));
        var files = installed.Directories.Single().Files;
        Assert.Equal(files[0].Checksum, files[1].Checksum);
    }

    [Fact]
    public async Task Install_HardlinkWithoutTargetRejected()
    {
        var tar = new TestTarBuilder().Directory("bin").HardLink("bin/b", "bin/a");

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("links"), tar));

        Assert.Equal("APKO2414", error.Code);
    }

    [Fact]
    public async Task Install_WritesThroughEscapingLinkInsideRoot()
    {
        _fileSystem.MkdirAll("usr/lib", (UnixFileMode)0x1ED);
        _fileSystem.Symlink("lib", "../../../usr/lib");
        var tar = new TestTarBuilder().Directory("lib").File("lib/libz.so.1", [1]);

        await InstallAsync(Package("zlib"), tar);

        Assert.Equal(FileNodeType.RegularFile, _fileSystem.Lstat("usr/lib/libz.so.1")!.Type);
        Assert.Equal(FileNodeType.Symlink, _fileSystem.Lstat("lib")!.Type);
        Assert.Equal(["lib", "usr"], _fileSystem.ReadDirectory("/"));
    }

    [Fact]
    public async Task Install_KeepsOwnerAndSpecialBits()
    {
        var tar = new TestTarBuilder()
            .Directory("bin", mode: 0x3ED, uid: 501, gid: 20)
            .File("bin/bbsuid", [1], mode: 0x949);

        var installed = await InstallAsync(Package("suid"), tar);

        Assert.Equal((UnixFileMode)0x949, _fileSystem.Lstat("bin/bbsuid")!.Mode);
        Assert.Equal((UnixFileMode)0x3ED, _fileSystem.Lstat("bin")!.Mode);
        Assert.Equal(501, _fileSystem.Lstat("bin")!.Uid);
        var text = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled([installed]));
        Assert.Contains("F:bin\nM:501:20:1755\nR:bbsuid\na:0:0:4511\n", text);
    }

    [Fact]
    public async Task Install_SharedDirectoryIntersectsModes()
    {
        _fileSystem.MkdirAll("var", (UnixFileMode)0x1FF);
        await InstallAsync(Package("a"), new TestTarBuilder().Directory("var", mode: 0x1ED).Directory("var/x", mode: 0x1ED));
        await InstallAsync(Package("b"), new TestTarBuilder().Directory("var", mode: 0x1C0).Directory("var/x", mode: 0x1E8));
        await InstallAsync(Package("c"), new TestTarBuilder().Directory("var/x", mode: 0x1FF, uid: 5));

        Assert.Equal((UnixFileMode)0x1FF, _fileSystem.Lstat("var")!.Mode);
        Assert.Equal((UnixFileMode)0x1E8, _fileSystem.Lstat("var/x")!.Mode);
        Assert.Equal(0, _fileSystem.Lstat("var/x")!.Uid);
    }

    [Fact]
    public async Task Install_RecordsXattrChecksum()
    {
        var entry = new PaxTarEntry(
            TarEntryType.Directory,
            "opt",
            new Dictionary<string, string> { ["SCHILY.xattr.user.role"] = "demo" })
        {
            Mode = (UnixFileMode)0x1ED,
        };

        var installed = await InstallAsync(Package("attrs"), new TestTarBuilder().Entry(entry));

        Assert.Equal("demo"u8.ToArray(), _fileSystem.Lstat("opt")!.Xattrs["user.role"]);
        Assert.Equal(ExpectedXattrChecksum("user.role", "demo"u8.ToArray()), installed.Directories.Single().Acl.XattrChecksum);
    }

    [Fact]
    public async Task Install_KeepsBinaryXattrBytes()
    {
        var tar = new TestTarBuilder()
            .Directory("bin")
            .File("bin/ping", [1], mode: 0x1ED, extra: new Dictionary<string, string>
            {
                ["SCHILY.xattr.security.capability"] = "ZZZZ",
            });
        var path = await tar.WriteAsync(_directory);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var at = bytes.AsSpan().IndexOf("=ZZZZ\n"u8);
        byte[] binary = [0xFF, 0xFE, 0x00, 0x80];
        binary.CopyTo(bytes, at + 1);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var installer = new PackageInstaller(_fileSystem, _database);
        var installed = await installer.InstallAsync(Package("ping"), [], path, TestContext.Current.CancellationToken);

        Assert.Equal(binary, _fileSystem.Lstat("bin/ping")!.Xattrs["security.capability"]);
        var acl = installed.Directories.Single().Files.Single().Acl;
        Assert.Equal(ExpectedXattrChecksum("security.capability", binary), acl.XattrChecksum);
    }

    [Fact]
    public async Task Install_SkipsKeepFilesAndDotEntries()
    {
        var tar = new TestTarBuilder().File(".PKGINFO", [1]).Directory("var").File("var/.keep_var", []);

        var installed = await InstallAsync(Package("keep"), tar);

        Assert.Equal(["var"], _fileSystem.Walk().Select(entry => entry.Path));
        Assert.Empty(installed.Directories.Single().Files);
    }

    [Fact]
    public async Task Install_CorruptTarRejected()
    {
        var path = Path.Combine(_directory, "corrupt.tar");
        await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)'x', 700).ToArray(), TestContext.Current.CancellationToken);
        var installer = new PackageInstaller(_fileSystem, _database);

        var error = await Assert.ThrowsAsync<ApkException>(
            () => installer.InstallAsync(Package("bad"), [], path, TestContext.Current.CancellationToken));

        Assert.Equal("APKO2417", error.Code);
    }

    [Fact]
    public async Task Install_TruncatedTarRejected()
    {
        var path = await new TestTarBuilder().Directory("etc").File("etc/big", new byte[4096]).WriteAsync(_directory);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var start = bytes.Length - 1024 - 4096;
        await File.WriteAllBytesAsync(path, bytes[..(start + 1000)], TestContext.Current.CancellationToken);
        var installer = new PackageInstaller(_fileSystem, _database);

        var error = await Assert.ThrowsAsync<ApkException>(
            () => installer.InstallAsync(Package("big"), [], path, TestContext.Current.CancellationToken));

        Assert.Equal("APKO2417", error.Code);
        Assert.Empty(_fileSystem.Walk());
    }

    [Fact]
    public async Task Install_MissingPackageChecksumRejected()
    {
        var tar = new TestTarBuilder().Directory("etc");

        var error = await Assert.ThrowsAsync<ApkException>(() => InstallAsync(Package("x") with { Checksum = null }, tar));

        Assert.Equal("APKO2415", error.Code);
    }

    private static string ExpectedXattrChecksum(string name, byte[] value)
    {
        var data = new List<byte>();
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)name.Length);
        data.AddRange(length);
        data.AddRange(Encoding.UTF8.GetBytes(name));
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        data.AddRange(length);
        data.AddRange(value);
        return "Q1" + Convert.ToBase64String(SHA1.HashData(data.ToArray()));
    }

    private static ApkPackage Package(string name) => new()
    {
        Name = name,
        Version = "1.0-r0",
        Checksum = "Q1" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(name))),
    };

    private async Task<InstalledPackage> InstallAsync(ApkPackage package, TestTarBuilder tar)
    {
        var path = await tar.WriteAsync(_directory);
        var installer = new PackageInstaller(_fileSystem, _database);
        return await installer.InstallAsync(package, [], path, TestContext.Current.CancellationToken);
    }
}
