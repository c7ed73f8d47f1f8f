using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Installation;
using Apko.Testing;

namespace Apko.Apk.Tests.Installation;

public sealed class InstalledDatabaseTests
{
    [Fact]
    public async Task Read_ApkToolsDatabaseRoundTripsExactly()
    {
        var original = await ReadMinirootfsDatabaseAsync();

        var database = InstalledDatabaseReader.Read(new StringReader(original), "installed");
        var written = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled(database.Packages));

        Assert.Equal(15, database.Packages.Count);
        Assert.Equal(original, written);
    }

    [Theory]
    [InlineData("wolfi-base", 15)]
    [InlineData("redis-operator-compat", 16)]
    [InlineData("bad-top-level-perms", 1)]
    public void Read_ApkoDatabaseRoundTrips(string name, int packages)
    {
        var path = Fixtures.Path("apko", "pkg", "apk", "apk", "testdata", "installed", name);

        var first = InstalledDatabaseReader.Read(new StringReader(File.ReadAllText(path)), name);
        var written = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled(first.Packages));
        var second = InstalledDatabaseReader.Read(new StringReader(written), name);
        var rewritten = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled(second.Packages));

        Assert.Equal(packages, first.Packages.Count);
        Assert.Equal(written, rewritten);
        Assert.DoesNotContain("\ni:[]\n", written);
        Assert.DoesNotContain("\nk:0\n", written);
        Assert.DoesNotContain(":0777\n", written);
    }

    [Fact]
    public void Read_ApkoQuirksNormalized()
    {
        var path = Fixtures.Path("apko", "pkg", "apk", "apk", "testdata", "installed", "wolfi-base");

        var database = InstalledDatabaseReader.Read(new StringReader(File.ReadAllText(path)), "wolfi-base");

        var baselayout = database.Find("wolfi-baselayout")!;
        Assert.Empty(baselayout.Package.InstallIf);
        Assert.Equal(0, baselayout.Package.ProviderPriority);
        var mtab = baselayout.FindDirectory("etc")!.Files.Single(file => file.Name == "mtab");
        Assert.Equal((UnixFileMode)0x1FF, mtab.Acl.Mode);
        Assert.Equal("0:0:777", mtab.Acl.Format());
    }

    [Fact]
    public void Read_DirectoryModeAfterFileApplies()
    {
        var path = Fixtures.Path("apko", "pkg", "apk", "apk", "testdata", "installed", "bad-top-level-perms");

        var database = InstalledDatabaseReader.Read(new StringReader(File.ReadAllText(path)), "bad-top-level-perms");

        var root = database.Packages.Single().FindDirectory("")!;
        Assert.Equal("0:0:711", root.Acl.Format());
        Assert.Equal("operator", root.Files.Single().Name);
    }

    [Fact]
    public void Read_TracksFileOwners()
    {
        var text = "P:a\nV:1\nF:etc\nR:x\nZ:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nP:b\nV:2\nF:etc\nR:x\n\n";

        var database = InstalledDatabaseReader.Read(new StringReader(text), "installed");

        Assert.Equal("b", database.FindFileOwner("/etc/x")!.Package.Name);
        Assert.Empty(database.Find("a")!.Directories.Single().Files);
    }

    [Theory]
    [InlineData("P:a\nV:1\nR:x\n", 3, "'R:' comes before any 'F:' line")]
    [InlineData("P:a\nV:1\nF:etc\na:0:0:644\n", 4, "'a:' comes before any 'R:' line")]
    [InlineData("P:a\nV:1\nF:etc\nM:0:0:9\n", 4, "'0:0:9' is not 'uid:gid:octal-mode'")]
    [InlineData("P:a\nV:1\nS:big\n", 3, "'S:big' is not a non-negative number")]
    [InlineData("P:a\nV:1\nXYZ\n", 3, "'XYZ' is not a 'X:value' field")]
    [InlineData("V:1\nF:etc\n\n", 3, "no 'P:' or 'V:'")]
    public void Read_MalformedLineReported(string text, int line, string problem)
    {
        var error = Assert.Throws<ApkException>(() => InstalledDatabaseReader.Read(new StringReader(text), "db"));

        Assert.Equal("APKO2420", error.Code);
        Assert.StartsWith($"db:{line}: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Add_DuplicateNameRejected()
    {
        var database = new InstalledDatabase();
        database.Add(new InstalledPackage(new ApkPackage { Name = "a", Version = "1" }));

        var error = Assert.Throws<ApkException>(
            () => database.Add(new InstalledPackage(new ApkPackage { Name = "a", Version = "2" })));

        Assert.Equal("APKO2421", error.Code);
    }

    [Fact]
    public void FormatInstalled_SortsLikeStrcasecmp()
    {
        string[] names = ["b", "a_b", "A", "a-b", "a"];
        var packages = names.Select(name => new InstalledPackage(new ApkPackage { Name = name, Version = "1" }));

        var text = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled(packages));

        var order = text.Split('\n').Where(line => line.StartsWith("P:")).Select(line => line[2..]);
        Assert.Equal(["A", "a", "a-b", "a_b", "b"], order);
    }

    [Fact]
    public void FormatInstalled_WritesFieldsInApkToolsOrder()
    {
        var package = new ApkPackage
        {
            Name = "demo",
            Version = "1.0-r0",
            Arch = "x86_64",
            Checksum = "Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            Size = 10,
            InstalledSize = 20,
            Description = "Demo",
            License = "MIT",
            Origin = "demo-src",
            BuildTime = 5,
            ProviderPriority = 100,
            Dependencies = ["musl"],
            InstallIf = ["a", "b"],
            Replaces = ["old"],
            ReplacesPriority = 3,
        };
        var installed = new InstalledPackage(package) { RepositoryTag = "edge" };

        var text = Encoding.UTF8.GetString(InstalledDatabaseWriter.FormatInstalled([installed]));

        const string expected = "C:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=\nP:demo\nV:1.0-r0\nA:x86_64\nS:10\nI:20\nT:Demo\nU:\nL:MIT\n"
            + "o:demo-src\nt:5\nk:100\nD:musl\ni:a b\nr:old\nq:3\ns:edge\n\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void FormatScriptsTar_EmptyIsTwoZeroBlocks()
    {
        var bytes = InstalledDatabaseWriter.FormatScriptsTar([], 0);

        Assert.Equal(new byte[1024], bytes);
    }

    [Fact]
    public async Task FormatScriptsTar_ReadableWithLongNames()
    {
        var name = new string('p', 90);
        var package = new ApkPackage { Name = name, Version = "1.0-r0", Checksum = "Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=" };
        ControlEntry[] control =
        [
            new(".PKGINFO", (UnixFileMode)0x1A4, "pkgname = x\n"u8.ToArray()),
            new(".trigger", (UnixFileMode)0x1ED, "#!/bin/sh\n"u8.ToArray()),
            new(".pre-install", (UnixFileMode)0x1A4, "#!/bin/sh\nexit 0\n"u8.ToArray()),
        ];

        var bytes = InstalledDatabaseWriter.FormatScriptsTar([new InstalledPackage(package, control)], 1700000000);

        var entries = new List<(string Name, UnixFileMode Mode, long Time)>();
        await using var reader = new TarReader(new MemoryStream(bytes));
        while (await reader.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
        {
            entries.Add((entry.Name, entry.Mode, entry.ModificationTime.ToUnixTimeSeconds()));
        }

        var prefix = $"{name}-1.0-r0.Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=.";
        Assert.Equal([prefix + "pre-install", prefix + "trigger"], entries.Select(entry => entry.Name));
        Assert.All(entries, entry => Assert.Equal((UnixFileMode)0x1ED, entry.Mode));
        Assert.All(entries, entry => Assert.Equal(1700000000, entry.Time));
        Assert.Equal(new byte[1024], bytes[^1024..]);
    }

    [Fact]
    public void FormatTriggers_OnlyPackagesWithTriggers()
    {
        var withTriggers = new ApkPackage
        {
            Name = "busybox",
            Version = "1",
            Checksum = "Q1BBBBBBBBBBBBBBBBBBBBBBBBBBB=",
            Triggers = ["/bin", "/usr/bin"],
        };
        var without = new ApkPackage { Name = "musl", Version = "1", Checksum = "Q1CCCCCCCCCCCCCCCCCCCCCCCCCCC=" };

        var text = Encoding.UTF8.GetString(
            InstalledDatabaseWriter.FormatTriggers([new InstalledPackage(without), new InstalledPackage(withTriggers)]));

        Assert.Equal("Q1BBBBBBBBBBBBBBBBBBBBBBBBBBB= /bin /usr/bin\n", text);
    }

    [Fact]
    public async Task WriteTo_CreatesDatabaseFiles()
    {
        var fileSystem = new Apko.Apk.FileSystem.ImageFileSystem();
        var database = new InstalledDatabase();
        database.Add(new InstalledPackage(new ApkPackage { Name = "a", Version = "1", Checksum = "Q1x" }));

        InstalledDatabaseWriter.WriteTo(fileSystem, database, "usr/lib/apk/db", 0);

        Assert.Equal(["installed", "scripts.tar", "triggers"], fileSystem.ReadDirectory("usr/lib/apk/db"));
        Assert.Equal((UnixFileMode)0x1A4, fileSystem.Lstat("usr/lib/apk/db/installed")!.Mode);
        var installed = await fileSystem.ReadFileAsync("usr/lib/apk/db/installed", TestContext.Current.CancellationToken);
        Assert.Equal("C:Q1x\nP:a\nV:1\nS:0\nI:0\nT:\nU:\nL:\n\n", Encoding.UTF8.GetString(installed));
    }

    private static async Task<string> ReadMinirootfsDatabaseAsync()
    {
        var archive = Fixtures.Path("alpine", "minirootfs", "alpine-minirootfs-3.19.4-x86_64.tar.gz");
        await using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == "lib/apk/db/installed")
            {
                using var text = new StreamReader(entry.DataStream!, Encoding.UTF8);
                return await text.ReadToEndAsync();
            }
        }

        throw new InvalidDataException($"{archive} has no installed database.");
    }
}
