using System.Formats.Tar;
using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Testing;

namespace Apko.Apk.Tests.Installation;

public sealed class PackageInstallerAlpineTests(AlpineMinimalFixture fixture) : IClassFixture<AlpineMinimalFixture>
{
    [Fact]
    public void Order_SatisfiesEveryDependency()
    {
        var provided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in fixture.Packages.Select(split => split.Package))
        {
            foreach (var dependency in package.Dependencies.Where(dependency => !dependency.StartsWith('!')))
            {
                Assert.True(provided.Contains(NameOf(dependency)), $"{package} needs '{dependency}' earlier");
            }

            provided.Add(package.Name);
            provided.UnionWith(package.Provides.Select(NameOf));
        }
    }

    [Fact]
    public async Task Install_CreatesEveryPackagePath()
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in fixture.Packages)
        {
            var entries = await package.ReadDataEntriesAsync(TestContext.Current.CancellationToken);
            expected.UnionWith(entries.Select(entry => entry.Path));
        }

        var actual = fixture.FileSystem.Walk().Select(entry => entry.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, fixture.FileSystem.Walk().Count());
    }

    [Fact]
    public void Install_BinShLinksToBusybox()
    {
        var sh = fixture.FileSystem.Lstat("bin/sh")!;

        Assert.Equal(FileNodeType.Symlink, sh.Type);
        Assert.Equal("/bin/busybox", sh.LinkTarget);
        Assert.Equal("busybox-binsh", sh.Package);
        Assert.Equal(FileNodeType.RegularFile, fixture.FileSystem.Stat("bin/sh")!.Type);
    }

    [Theory]
    [InlineData("bin/busybox", 0x1ED, 0, 0, "busybox")]
    [InlineData("etc/shadow", 0x1A0, 0, 42, "alpine-baselayout-data")]
    [InlineData("etc/crontabs/root", 0x180, 0, 0, "alpine-baselayout")]
    [InlineData("tmp", 0x3FF, 0, 0, "busybox")]
    [InlineData("var/tmp", 0x3FF, 0, 0, "alpine-baselayout")]
    [InlineData("root", 0x1C0, 0, 0, "alpine-baselayout")]
    [InlineData("var/empty", 0x16D, 0, 0, "alpine-baselayout")]
    [InlineData("etc/network/if-up.d/dad", 0x1FD, 0, 0, "busybox")]
    public void Install_KeepsPackageModesAndOwners(string path, int mode, int uid, int gid, string package)
    {
        var node = fixture.FileSystem.Lstat(path)!;

        Assert.Equal((UnixFileMode)mode, node.Mode);
        Assert.Equal(uid, node.Uid);
        Assert.Equal(gid, node.Gid);
        Assert.Equal(package, node.Package);
    }

    [Fact]
    public async Task Install_ContentMatchesChecksums()
    {
        foreach (var package in fixture.Database.Packages)
        {
            foreach (var directory in package.Directories)
            {
                foreach (var file in directory.Files)
                {
                    var node = fixture.FileSystem.Lstat(directory.PathOf(file.Name))!;
                    var bytes = node.Type == FileNodeType.Symlink
                        ? Encoding.UTF8.GetBytes(node.LinkTarget!)
                        : await node.Content!.ReadAllBytesAsync(TestContext.Current.CancellationToken);
                    var checksum = "Q1" + Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(bytes));
                    Assert.True(file.Checksum == checksum, $"{directory.PathOf(file.Name)} of {package}");
                }
            }
        }
    }

    [Fact]
    public async Task Database_RecordsListEveryPackageFile()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in fixture.Packages)
        {
            var entries = await package.ReadDataEntriesAsync(TestContext.Current.CancellationToken);
            foreach (var (path, type) in entries.Where(entry => entry.Type != TarEntryType.Directory))
            {
                owners[path] = package.Package.Name;
            }
        }

        var recorded = fixture.Database.Packages
            .SelectMany(package => package.Directories.SelectMany(
                directory => directory.Files.Select(file => (directory.PathOf(file.Name), package.Package.Name))))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);

        Assert.Equal(owners.OrderBy(pair => pair.Key, StringComparer.Ordinal), recorded.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("alpine-baselayout")]
    [InlineData("alpine-baselayout-data")]
    [InlineData("alpine-keys")]
    [InlineData("libc-utils")]
    [InlineData("musl")]
    [InlineData("musl-utils")]
    [InlineData("scanelf")]
    [InlineData("zlib")]
    public async Task Database_MatchesApkToolsRecord(string name)
    {
        var reference = await ReadMinirootfsFileAsync("lib/apk/db/installed");
        var expected = Encoding.UTF8.GetString(reference)
            .Split("\n\n")
            .Single(record => record.Contains($"\nP:{name}\n", StringComparison.Ordinal)) + "\n\n";

        var actual = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled([fixture.Database.Find(name)!]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task ScriptsTar_MatchesApkToolsEntries()
    {
        var reference = await ReadMinirootfsFileAsync("lib/apk/db/scripts.tar");
        var baselayout = fixture.Database.Find("alpine-baselayout")!;

        var actual = InstalledDatabaseWriter.FormatScriptsTar([baselayout], baselayout.Package.BuildTime);

        // apk-tools wrote busybox's three scripts first (3 headers and 3 one- to three-block bodies).
        var start = IndexOf(reference, Encoding.ASCII.GetBytes("alpine-baselayout-3.4.3-r2."));
        Assert.True(start > 0);
        Assert.Equal(reference.AsSpan(start).ToArray(), actual);
    }

    [Fact]
    public async Task Install_BusyboxSuidKeepsSetuid()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"apko-suid-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var cancellationToken = TestContext.Current.CancellationToken;
            var index = await ApkTestPackage.ReadIndexAsync(
                Path.Combine(AlpineMinimalFixture.PackageDirectory, "APKINDEX.tar.gz"), cancellationToken);
            var apk = Path.Combine(AlpineMinimalFixture.PackageDirectory, "busybox-suid-1.36.1-r15.apk");
            var package = await ApkTestPackage.SplitAsync(apk, index["busybox-suid"], directory, cancellationToken);
            var fileSystem = new ImageFileSystem();
            var installer = new PackageInstaller(fileSystem, new InstalledDatabase());

            var installed = await installer.InstallAsync(
                package.Package, package.Control, package.DataTarPath, cancellationToken);

            Assert.Equal((UnixFileMode)0x849, fileSystem.Lstat("bin/bbsuid")!.Mode);
            var text = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled([installed]));
            Assert.Contains("\nF:bin\nR:bbsuid\na:0:0:4111\nZ:Q1", text);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Triggers_ListBusyboxDirectories()
    {
        var triggers = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatTriggers(fixture.Database.Packages));

        var busybox = fixture.Database.Find("busybox")!.Package;
        Assert.Equal($"{busybox.Checksum} /bin /usr/bin /sbin /usr/sbin /lib/modules/*\n", triggers);
    }

    [Fact]
    public void Walk_ListsParentsBeforeChildrenSorted()
    {
        var paths = fixture.FileSystem.Walk().Select(entry => entry.Path).ToList();

        for (var i = 1; i < paths.Count; i++)
        {
            Assert.True(ComparePaths(paths[i - 1], paths[i]) < 0, $"'{paths[i - 1]}' before '{paths[i]}'");
        }
    }

    private static int ComparePaths(string left, string right)
    {
        var leftParts = left.Split('/');
        var rightParts = right.Split('/');
        for (var i = 0; i < Math.Min(leftParts.Length, rightParts.Length); i++)
        {
            var order = string.CompareOrdinal(leftParts[i], rightParts[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return leftParts.Length - rightParts.Length;
    }

    private static async Task<byte[]> ReadMinirootfsFileAsync(string name)
    {
        var archive = Fixtures.Path("alpine", "minirootfs", "alpine-minirootfs-3.19.4-x86_64.tar.gz");
        await using var gzip = new System.IO.Compression.GZipStream(
            File.OpenRead(archive), System.IO.Compression.CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == name)
            {
                using var content = new MemoryStream();
                await entry.DataStream!.CopyToAsync(content);
                return content.ToArray();
            }
        }

        throw new InvalidDataException($"{archive} has no '{name}'.");
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static string NameOf(string constraint) =>
        constraint[..(constraint.IndexOfAny(['<', '>', '=', '~']) is var end and >= 0 ? end : constraint.Length)];
}
