using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Signing;

namespace Apko.Apk.Tests.Packages;

public sealed class ApkPackageWriterTests
{
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)0b111_101_101;
    private static readonly UnixFileMode Mode4755 = (UnixFileMode)0b100_111_101_101;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ApkSignatureAlgorithm.RsaSha256)]
    [InlineData(ApkSignatureAlgorithm.RsaSha1)]
    public async Task WriteAsync_SignedPackage_ReadsBackVerified(ApkSignatureAlgorithm algorithm)
    {
        using var temp = new TempDirectory();
        using var key = ApkSigningKey.Generate("test.rsa.pub", 2048, algorithm);
        var keyring = Keyring.Empty.WithKey(key.GetPublicKey());
        var path = Path.Combine(temp.Path, "hello-1.0-r0.apk");

        var record = await ApkPackageWriter.WriteAsync(CreateHello(), path, key, Token);
        await using var file = await ApkPackageReader.OpenAsync(path, new() { Keyring = keyring }, Token);
        file.VerifyAgainstIndex(record);

        Assert.Equal(algorithm, file.Signatures.Single().Algorithm);
        Assert.Equal(record.Checksum, file.Checksum);
        Assert.Equal(new FileInfo(path).Length, record.Size);
        Assert.Equal(record.DataHash, file.DataHash);
        Assert.Equal("hello", file.Metadata.Name);
        Assert.Equal("1.0-r0", file.Metadata.Version);
        Assert.Equal("x86_64", file.Metadata.Arch);
        Assert.Equal("Says hello", file.Metadata.Description);
        Assert.Equal(1700000000, file.Metadata.BuildTime);
        Assert.Equal(["so:libc.musl-x86_64.so.1", "busybox"], file.Metadata.Dependencies);
        Assert.Equal(["cmd:hello=1.0-r0"], file.Metadata.Provides);
        Assert.Equal(["hello-base"], file.Metadata.InstallIf);
        Assert.Equal(["old-hello"], file.Metadata.Replaces);
        Assert.Equal(["/usr/share/hello"], file.Metadata.Triggers);
        Assert.Equal(10, file.Metadata.ProviderPriority);
        Assert.Equal(5, file.Metadata.ReplacesPriority);
        Assert.Equal(record.InstalledSize, file.Metadata.InstalledSize);
        Assert.Equal([".PKGINFO", ".post-install"], file.ControlEntries.Select(entry => entry.Name));
        Assert.Equal(Mode0755, file.ControlEntries[1].Mode);
    }

    [Fact]
    public async Task WriteAsync_DataEntries_KeepEveryField()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "hello.apk");
        await ApkPackageWriter.WriteAsync(CreateHello(), path, signingKey: null, Token);
        await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);

        var entries = await ReadDataEntriesAsync(file);

        Assert.Null(file.SignatureRange);
        Assert.Equal(["usr/", "usr/bin/", "usr/bin/hello", "usr/bin/hi", "usr/bin/hello2", "usr/bin/su"], entries.Keys);
        Assert.Equal(TarEntryType.SymbolicLink, entries["usr/bin/hi"].EntryType);
        Assert.Equal("hello", entries["usr/bin/hi"].LinkName);
        Assert.Equal(TarEntryType.HardLink, entries["usr/bin/hello2"].EntryType);
        Assert.Equal("usr/bin/hello", entries["usr/bin/hello2"].LinkName);
        Assert.Equal(Mode4755, entries["usr/bin/su"].Mode);
        Assert.Equal(501, entries["usr/bin/hello"].Uid);
        Assert.Equal(20, entries["usr/bin/hello"].Gid);
        Assert.Equal(
            "cap_net_raw+ep",
            ((PaxTarEntry)entries["usr/bin/su"]).ExtendedAttributes["SCHILY.xattr.security.capability"]);
        Assert.Equal(
            SHA1.HashData("#!/bin/sh\necho hello\n"u8),
            ApkEntryChecksum.GetExpectedSha1(entries["usr/bin/hello"]));
        Assert.Equal(SHA1.HashData("hello"u8), ApkEntryChecksum.GetExpectedSha1(entries["usr/bin/hi"]));
        Assert.Null(ApkEntryChecksum.GetExpectedSha1(entries["usr/"]));
    }

    [Fact]
    public async Task WriteAsync_SameInput_SameBytes()
    {
        using var key = ApkSigningKey.Generate("test.rsa.pub");
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await ApkPackageWriter.WriteAsync(CreateHello(), first, key, Token);
        await ApkPackageWriter.WriteAsync(CreateHello(), second, key, Token);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task WriteAsync_MissingDirectory_NoPartialFile()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "absent", "hello.apk");

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkPackageWriter.WriteAsync(CreateHello(), path, signingKey: null, Token));

        Assert.Equal("APKO2150", exception.Code);
        Assert.Contains(path, exception.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task WriteAsync_LongPath_ReadBackWhole()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "long.apk");
        var longName = "usr/share/" + new string('x', 150) + "/ünïcode.txt";
        var package = new ApkPackageBuilder("long", "1-r0").AddFile(longName, "content");
        await ApkPackageWriter.WriteAsync(package, path, signingKey: null, Token);
        await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);

        var entries = await ReadDataEntriesAsync(file);

        Assert.Equal([longName], entries.Keys);
    }

    internal static ApkPackageBuilder CreateHello() =>
        new ApkPackageBuilder("hello", "1.0-r0")
            .WithMetadata(metadata => metadata with
            {
                Description = "Says hello",
                Url = "https://example.test/hello",
                License = "MIT",
                BuildTime = 1700000000,
                Dependencies = ["so:libc.musl-x86_64.so.1", "busybox"],
                Provides = ["cmd:hello=1.0-r0"],
                InstallIf = ["hello-base"],
                Replaces = ["old-hello"],
                Triggers = ["/usr/share/hello"],
                ProviderPriority = 10,
                ReplacesPriority = 5,
            })
            .AddDirectory("usr")
            .AddDirectory("usr/bin")
            .AddFile("usr/bin/hello", Encoding.UTF8.GetBytes("#!/bin/sh\necho hello\n"), Mode0755, uid: 501, gid: 20)
            .AddSymlink("usr/bin/hi", "hello")
            .AddHardLink("usr/bin/hello2", "usr/bin/hello", Mode0755)
            .AddEntry(new ApkDataEntry
            {
                Path = "usr/bin/su",
                Content = "su"u8.ToArray(),
                Mode = Mode4755,
                ModificationTime = 1700000000,
                Xattrs = new Dictionary<string, string> { ["security.capability"] = "cap_net_raw+ep" },
            })
            .AddScript(".post-install", "#!/bin/sh\nexit 0\n");

    private static async Task<Dictionary<string, TarEntry>> ReadDataEntriesAsync(ApkPackageFile file)
    {
        var entries = new Dictionary<string, TarEntry>();
        await using var data = file.OpenDataTar();
        await using var tar = new TarReader(data);
        while (await tar.GetNextEntryAsync(copyData: true, Token) is { } entry)
        {
            entries.Add(entry.Name, entry);
        }

        return entries;
    }
}
