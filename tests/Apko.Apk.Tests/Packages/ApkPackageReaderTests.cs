using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Signing;
using Apko.Apk.Tests.Signing;
using Apko.Testing;

namespace Apko.Apk.Tests.Packages;

public sealed class ApkPackageReaderTests
{
    private static readonly string[] IsoDirectory = ["alpine", "v3.19.1-iso", "x86_64"];
    private static readonly string[] CliTestData = ["apko", "internal", "cli", "testdata"];
    private static readonly string[] ApkTestData = ["apko", "pkg", "apk", "apk", "testdata"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> IsoPackages() =>
        [.. Directory.GetFiles(Fixtures.Path(IsoDirectory), "*.apk").Select(path => Path.GetFileName(path)).Order()];

    [Theory]
    [MemberData(nameof(IsoPackages))]
    public async Task OpenAsync_IsoPackage_VerifiesAgainstIndexAndKey(string fileName)
    {
        var index = await ReadIsoIndexAsync();
        var path = Fixtures.Path([.. IsoDirectory, fileName]);
        var entry = index.Packages.Single(package => fileName == $"{package.Name}-{package.Version}.apk");

        await using var file = await ApkPackageReader.OpenAsync(path, new() { IndexEntry = entry }, Token);
        file.VerifySignature(await KeyringTests.LoadAlpineKeysAsync());
        await using var data = file.OpenDataTar();
        await data.CopyToAsync(Stream.Null, Token);

        Assert.Equal(entry.Checksum, file.Checksum);
        Assert.Equal(entry.Checksum, file.Metadata.Checksum);
        Assert.Equal(entry.Size, file.Metadata.Size);
        Assert.Equal(entry.InstalledSize, file.Metadata.InstalledSize);
        Assert.Equal(entry.Dependencies, file.Metadata.Dependencies);
        Assert.Equal(entry.Provides, file.Metadata.Provides);
        Assert.Equal(entry.InstallIf, file.Metadata.InstallIf);
        Assert.Equal(ApkSignatureAlgorithm.RsaSha1, file.Signatures.Single().Algorithm);
    }

    [Fact]
    public async Task OpenAsync_ApkoLockPackages_RangesMatchLockFile()
    {
        var lockText = await File.ReadAllTextAsync(Fixtures.Path([.. CliTestData, "apko.lock.json"]), Token);
        using var lockFile = JsonDocument.Parse(lockText);
        foreach (var locked in lockFile.RootElement.GetProperty("contents").GetProperty("packages").EnumerateArray())
        {
            var url = locked.GetProperty("url").GetString()!;
            var path = Path.Combine(Fixtures.Path(CliTestData), url["./testdata/".Length..]);

            await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);

            AssertRange(locked.GetProperty("signature"), file.SignatureRange!, url);
            AssertRange(locked.GetProperty("control"), file.ControlRange, url);
            AssertRange(locked.GetProperty("data"), file.DataRange, url);
            Assert.Equal(locked.GetProperty("checksum").GetString(), file.Checksum);
        }
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public async Task OpenAsync_ApkoTestRepository_VerifiesBothWays(string arch)
    {
        var keyring = await Keyring.LoadAsync([Fixtures.Path([.. CliTestData, "packages", "melange.rsa.pub"])], Token);
        var index = await ReadIndexAsync(Fixtures.Path([.. CliTestData, "packages", arch, "APKINDEX.tar.gz"]), keyring);

        foreach (var entry in index.Packages)
        {
            var path = Fixtures.Path([.. CliTestData, "packages", arch, $"{entry.Name}-{entry.Version}.apk"]);
            await using var file = await ApkPackageReader.OpenAsync(path, new() { Keyring = keyring }, Token);
            file.VerifyAgainstIndex(entry);

            Assert.Equal(ApkSignatureAlgorithm.RsaSha256, file.Signatures.Single().Algorithm);
            Assert.Equal(entry.Checksum, file.Checksum);
        }
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public async Task OpenAsync_PrivateRepository_VerifiesWithOwnKey(string arch)
    {
        string[] repository = [.. CliTestData, "private_packages"];
        var keyring = await Keyring.LoadAsync([Fixtures.Path([.. repository, "private_pkg_key.rsa.pub"])], Token);
        var index = await ReadIndexAsync(Fixtures.Path([.. repository, "packages", arch, "APKINDEX.tar.gz"]), keyring);

        foreach (var entry in index.Packages)
        {
            var path = Fixtures.Path([.. repository, "packages", arch, $"{entry.Name}-{entry.Version}.apk"]);
            await using var file = await ApkPackageReader.OpenAsync(path, new() { IndexEntry = entry }, Token);
            file.VerifySignature(keyring);

            Assert.Equal(arch, file.Metadata.Arch);
        }

        Assert.Equal(["package-x", "package-y"], index.Packages.Select(package => package.Name).Order());
    }

    [Fact]
    public async Task OpenAsync_KeyNotInKeyring_NamesKeyFile()
    {
        var path = Fixtures.Path("apko", "pkg", "apk", "fs", "testdata", "hello-2.12-r0.apk");
        var keyring = await KeyringTests.LoadAlpineKeysAsync();

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkPackageReader.OpenAsync(path, new() { Keyring = keyring }, Token));

        Assert.Equal("APKO2104", exception.Code);
        Assert.Contains("'local-melange.rsa.pub'", exception.Message);
        Assert.Contains("-k <file>", exception.Message);
    }

    [Fact]
    public async Task OpenAsync_Alpine316Baselayout_VerifiesWithAarch64Key()
    {
        var path = Fixtures.Path([.. ApkTestData, "alpine-316", "alpine-baselayout-3.2.0-r23.apk"]);

        await using var file = await ApkPackageReader.OpenAsync(
            path,
            new() { Keyring = await KeyringTests.LoadAlpineKeysAsync() },
            Token);

        Assert.Equal("alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub", file.Signatures.Single().KeyName);
        Assert.Equal("aarch64", file.Metadata.Arch);
    }

    [Fact]
    public async Task OpenAsync_Busybox_ParsesPkgInfoAndScripts()
    {
        await using var file = await OpenIsoAsync("busybox-1.36.1-r15.apk");
        var metadata = file.Metadata;

        Assert.Equal("busybox", metadata.Name);
        Assert.Equal("1.36.1-r15", metadata.Version);
        Assert.Equal("x86_64", metadata.Arch);
        Assert.Equal("Size optimized toolbox of many common UNIX utilities", metadata.Description);
        Assert.Equal("https://busybox.net/", metadata.Url);
        Assert.Equal(1699383189, metadata.BuildTime);
        Assert.Equal(946176, metadata.InstalledSize);
        Assert.Equal(506796, metadata.Size);
        Assert.Equal("busybox", metadata.Origin);
        Assert.Equal("d1b6f274f29076967826e0ecf6ebcaa5d360272f", metadata.Commit);
        Assert.Equal("Sören Tempel <soeren+alpine@soeren-tempel.net>", metadata.Maintainer);
        Assert.Equal("GPL-2.0-only", metadata.License);
        Assert.Equal(["busybox-initscripts"], metadata.Replaces);
        Assert.Equal(["/bin", "/usr/bin", "/sbin", "/usr/sbin", "/lib/modules/*"], metadata.Triggers);
        Assert.Equal(["cmd:busybox=1.36.1-r15"], metadata.Provides);
        Assert.Equal(["so:libc.musl-x86_64.so.1"], metadata.Dependencies);
        Assert.Equal("382c75e2d1a2e2b9d281e879b763b3b363508400d7cc796d9448c46a7b6ba342", metadata.DataHash);
        Assert.Equal(metadata.DataHash, file.DataHash);
        Assert.Equal(
            [".PKGINFO", ".post-install", ".post-upgrade", ".trigger"],
            file.ControlEntries.Select(entry => entry.Name));
        Assert.Equal(139, file.FindControlEntry(".post-install")!.Data.Length);
        Assert.Equal(UnixFileMode.UserExecute, file.FindControlEntry(".trigger")!.Mode & UnixFileMode.UserExecute);
        Assert.Equal(new ApkMemberRange(0, 662, file.SignatureRange!.Checksum), file.SignatureRange);
        Assert.Equal(662, file.ControlRange.Offset);
        Assert.Equal(2300 - 662, file.ControlRange.Length);
        Assert.Equal("bytes=2300-506795", file.DataRange.HttpRange);
    }

    [Fact]
    public async Task OpenAsync_RepeatedReplaces_AllKept()
    {
        await using var file = await ApkPackageReader.OpenAsync(
            Fixtures.Path([.. ApkTestData, "replaces", "replaces-0.0.1-r0.apk"]),
            new(),
            Token);

        Assert.Equal(["foo", "bar"], file.Metadata.Replaces);
        Assert.Equal("", file.Metadata.Commit);
    }

    [Fact]
    public async Task OpenDataTar_Busybox_EntryChecksumsMatch()
    {
        await using var file = await OpenIsoAsync("busybox-1.36.1-r15.apk");
        await using var data = file.OpenDataTar();
        await using var tar = new TarReader(data);
        var entries = 0;
        var checkedFiles = 0;

        while (await tar.GetNextEntryAsync(copyData: false, Token) is { } entry)
        {
            entries++;
            var expected = ApkEntryChecksum.GetExpectedSha1(entry);
            if (entry.EntryType == TarEntryType.RegularFile)
            {
                Assert.NotNull(expected);
                Assert.Equal(expected, await SHA1.HashDataAsync(entry.DataStream!, Token));
                checkedFiles++;
            }
        }

        Assert.Equal(31, entries);
        Assert.Equal(8, checkedFiles);
    }

    [Fact]
    public async Task OpenAsync_Unsigned_SignatureCheckFails()
    {
        var path = Fixtures.Path([.. ApkTestData, "hello-0.1.0-r0.apk"]);

        await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);
        var exception = Assert.Throws<ApkException>(() => file.VerifySignature(Keyring.Empty));

        Assert.Null(file.SignatureRange);
        Assert.Equal(0, file.ControlRange.Offset);
        Assert.Equal("APKO2103", exception.Code);
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public async Task OpenAsync_OtherKeyOfSameName_SignatureMismatch()
    {
        var path = Fixtures.Path([.. ApkTestData, "hello-wolfi-2.12.1-r0.apk"]);
        var keyring = await Keyring.LoadAsync([Fixtures.Path([.. CliTestData, "melange.rsa.pub"])], Token);

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkPackageReader.OpenAsync(path, new() { Keyring = keyring }, Token));

        Assert.Equal("APKO2105", exception.Code);
        Assert.Contains(path, exception.Message);
    }

    [Theory]
    [InlineData("control member", 900, "APKO2133")]
    [InlineData("control gzip trailer", 2297, "APKO2133")]
    [InlineData("data member", 100_000, "APKO2142")]
    [InlineData("data gzip trailer", 506795, "APKO2142")]
    public async Task OpenAsync_AlteredCopy_RejectedNamingFile(string part, int offset, string code)
    {
        using var temp = new TempDirectory();
        var original = Fixtures.Path([.. IsoDirectory, "busybox-1.36.1-r15.apk"]);
        var path = temp.CopyWithFlippedByte(original, _ => offset);
        var index = await ReadIsoIndexAsync();
        var entry = index.Packages.Single(package => package.Name == "busybox");

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkPackageReader.OpenAsync(path, new() { IndexEntry = entry }, Token));

        Assert.True(exception.Code == code, $"{part}: {exception.Code} {exception.Message}");
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public async Task VerifyAgainstIndex_OtherChecksum_Rejected()
    {
        var path = Fixtures.Path([.. CliTestData, "packages", "x86_64", "pretend-baselayout-1.0.0-r0.apk"]);
        await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);
        var entry = file.Metadata with { Checksum = "Q1JQ8nfsxa27d0f6oa056sdT5IcJY=" };

        var exception = Assert.Throws<ApkException>(() => file.VerifyAgainstIndex(entry));

        Assert.Equal("APKO2141", exception.Code);
        Assert.Contains(path, exception.Message);
        Assert.Contains("'Q1JQ8nfsxa27d0f6oa056sdT5IcJY='", exception.Message);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(2299)]
    public async Task OpenAsync_TruncatedBeforeData_Rejected(int length)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "busybox.apk");
        var bytes = await File.ReadAllBytesAsync(Fixtures.Path([.. IsoDirectory, "busybox-1.36.1-r15.apk"]), Token);
        await File.WriteAllBytesAsync(path, bytes[..length], Token);

        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkPackageReader.OpenAsync(path, new(), Token));

        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public async Task OpenDataTar_TruncatedData_ReadFailsWithApkException()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "busybox.apk");
        var bytes = await File.ReadAllBytesAsync(Fixtures.Path([.. IsoDirectory, "busybox-1.36.1-r15.apk"]), Token);
        await File.WriteAllBytesAsync(path, bytes[..300_000], Token);
        await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);
        await using var data = file.OpenDataTar();

        var exception = await Assert.ThrowsAsync<ApkException>(() => data.CopyToAsync(Stream.Null, Token));

        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public async Task OpenDataTar_OverDataLimit_Rejected()
    {
        var limits = new ApkReadLimits { MaxDataSize = 100_000 };
        await using var file = await ApkPackageReader.OpenAsync(
            Fixtures.Path([.. IsoDirectory, "busybox-1.36.1-r15.apk"]),
            new() { Limits = limits },
            Token);
        await using var data = file.OpenDataTar();

        var exception = await Assert.ThrowsAsync<ApkException>(() => data.CopyToAsync(Stream.Null, Token));

        Assert.Equal("APKO2146", exception.Code);
    }

    [Fact]
    public async Task OpenAsync_OverControlLimit_Rejected()
    {
        var limits = new ApkReadLimits { MaxControlSize = 1000 };

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkPackageReader.OpenAsync(
                Fixtures.Path([.. IsoDirectory, "busybox-1.36.1-r15.apk"]),
                new() { Limits = limits },
                Token));

        Assert.Equal("APKO2134", exception.Code);
        Assert.Contains("control member", exception.Message);
    }

    [Fact]
    public async Task OpenAsync_MissingFile_ThrowsNamingPath()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "absent.apk");

        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkPackageReader.OpenAsync(path, new(), Token));

        Assert.Equal("APKO2148", exception.Code);
    }

    [Fact]
    public async Task OpenAsync_NotGzip_Rejected()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "text.apk");
        await File.WriteAllTextAsync(path, "this is not a package, just some text that is long enough", Token);

        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkPackageReader.OpenAsync(path, new(), Token));

        Assert.Equal("APKO2130", exception.Code);
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public async Task OpenAsync_ApkV3Magic_RejectedAsUnsupported()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "v3.apk");
        await File.WriteAllBytesAsync(path, [.. "ADBd"u8, 0, 1, 2, 3, 4, 5, 6, 7], Token);

        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkPackageReader.OpenAsync(path, new(), Token));

        Assert.Equal("APKO2151", exception.Code);
        Assert.Contains(path, exception.Message);
    }

    private static void AssertRange(JsonElement locked, ApkMemberRange range, string url)
    {
        Assert.True(locked.GetProperty("range").GetString() == range.HttpRange, $"{url}: {range.HttpRange}");
        Assert.True(locked.GetProperty("checksum").GetString() == range.Checksum, $"{url}: {range.Checksum}");
    }

    private static async Task<ApkPackageFile> OpenIsoAsync(string fileName) =>
        await ApkPackageReader.OpenAsync(Fixtures.Path([.. IsoDirectory, fileName]), new(), Token);

    private static async Task<ApkIndex> ReadIsoIndexAsync() =>
        await ReadIndexAsync(
            Fixtures.Path([.. IsoDirectory, "APKINDEX.tar.gz"]),
            await KeyringTests.LoadAlpineKeysAsync());

    private static Task<ApkIndex> ReadIndexAsync(string path, Keyring keyring) =>
        ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Verified(keyring), Token);
}
