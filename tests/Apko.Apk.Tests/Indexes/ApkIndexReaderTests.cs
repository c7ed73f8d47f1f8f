using System.IO.Compression;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Signing;
using Apko.Apk.Tests.Packages;
using Apko.Apk.Tests.Signing;
using Apko.Testing;

namespace Apko.Apk.Tests.Indexes;

public sealed class ApkIndexReaderTests
{
    private static readonly string[] ApkTestData = ["apko", "pkg", "apk", "apk", "testdata"];
    private static readonly string[] CliTestData = ["apko", "internal", "cli", "testdata"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("main", 5443, "v3.19.1-643-gec825d20535")]
    [InlineData("community", 17587, "v3.19.1-642-g9e5b575ce97")]
    public async Task ReadAsync_AlpineSnapshot_VerifiesAndCounts(string repository, int count, string description)
    {
        var path = Fixtures.Path("alpine", "v3.19-snapshot-2024-06-18", repository, "x86_64", "APKINDEX.tar.gz");

        var index = await ReadVerifiedAsync(path, await KeyringTests.LoadAlpineKeysAsync());

        Assert.Equal(count, index.Packages.Count);
        Assert.Equal(description, index.Description);
    }

    [Fact]
    public async Task ReadAsync_IsoIndex_ParsesAllFields()
    {
        var path = Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz");

        var index = await ReadVerifiedAsync(path, await KeyringTests.LoadAlpineKeysAsync());
        var binsh = index.Packages.Single(package => package.Name == "busybox-binsh");
        var sslClient = index.Packages.Single(package => package.Name == "ssl_client");

        Assert.Equal(100, index.Packages.Count);
        Assert.Equal("3.19.1", index.Description);
        Assert.Equal("Q1oLisfZGMCPUKyVfkRHKxsHWJ/Fg=", binsh.Checksum);
        Assert.Equal("1.36.1-r15", binsh.Version);
        Assert.Equal("x86_64", binsh.Arch);
        Assert.Equal(1543, binsh.Size);
        Assert.Equal(8192, binsh.InstalledSize);
        Assert.Equal("busybox ash /bin/sh", binsh.Description);
        Assert.Equal("https://busybox.net/", binsh.Url);
        Assert.Equal("GPL-2.0-only", binsh.License);
        Assert.Equal("busybox", binsh.Origin);
        Assert.Equal("Sören Tempel <soeren+alpine@soeren-tempel.net>", binsh.Maintainer);
        Assert.Equal(1699383189, binsh.BuildTime);
        Assert.Equal("d1b6f274f29076967826e0ecf6ebcaa5d360272f", binsh.Commit);
        Assert.Equal(100, binsh.ProviderPriority);
        Assert.Equal(["busybox=1.36.1-r15"], binsh.Dependencies);
        Assert.Equal(["/bin/sh", "cmd:sh=1.36.1-r15"], binsh.Provides);
        Assert.Equal(["so:libc.musl-x86_64.so.1", "so:libcrypto.so.3", "so:libssl.so.3"], sslClient.Dependencies);
        Assert.Equal(["busybox=1.36.1-r15", "libssl3"], sslClient.InstallIf);
    }

    [Theory]
    [InlineData("alpine-316", 4929)]
    [InlineData("alpine-317", 5004)]
    public async Task ReadAsync_ApkoAlpineIndexes_Verify(string directory, int count)
    {
        var path = Fixtures.Path([.. ApkTestData, directory, "APKINDEX.tar.gz"]);

        var index = await ReadVerifiedAsync(path, await KeyringTests.LoadAlpineKeysAsync());

        Assert.Equal(count, index.Packages.Count);
    }

    [Fact]
    public async Task ReadAsync_Rsa256Signed_Verifies()
    {
        var keyring = await Keyring.LoadAsync(
            [Fixtures.Path([.. ApkTestData, "rsa256-signed", "test-rsa256.rsa.pub"])],
            Token);

        var path = Fixtures.Path([.. ApkTestData, "rsa256-signed", "APKINDEX.tar.gz"]);

        var index = await ReadVerifiedAsync(path, keyring);

        Assert.NotEmpty(index.Packages);
    }

    [Theory]
    [InlineData("chainguard-0106f58bac88057c2ff5c2829850df492717a876ed700443550353c7ab23f5a0.rsa.pub")]
    [InlineData("chainguard-60912bbc46bfc8ed6bda0b50db3a8a5f3c4344d6bc8549ec9b84d96140b475d1.rsa.pub")]
    [InlineData("chainguard-61cb6bccd1f584b007db7be51ebce2b0530a54cc5a94e7650b570d113d537cf3.rsa.pub")]
    public async Task ReadAsync_MultipleSignatures_AnyKeySuffices(string keyName)
    {
        var keyring = await Keyring.LoadAsync([Fixtures.Path([.. ApkTestData, "signing", "keys", keyName])], Token);

        var index = await ReadVerifiedAsync(Fixtures.Path([.. ApkTestData, "signing", "APKINDEX.tar.gz"]), keyring);

        Assert.NotEmpty(index.Packages);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public async Task ReadAsync_ApkoTestRepository_Verifies(string arch)
    {
        var keyring = await Keyring.LoadAsync([Fixtures.Path([.. CliTestData, "packages", "melange.rsa.pub"])], Token);

        var path = Fixtures.Path([.. CliTestData, "packages", arch, "APKINDEX.tar.gz"]);

        var index = await ReadVerifiedAsync(path, keyring);

        Assert.Equal(
            ["custom-ca-certs-1", "custom-ca-certs-2", "pretend-baselayout", "replayout"],
            index.Packages.Select(package => package.Name).Order(StringComparer.Ordinal));
        Assert.All(index.Packages, package => Assert.Equal(arch, package.Arch));
    }

    [Fact]
    public async Task ReadAsync_KeyNotInKeyring_NamesKeyAndRemedy()
    {
        var path = Fixtures.Path([.. CliTestData, "packages", "x86_64", "APKINDEX.tar.gz"]);

        var keyring = await KeyringTests.LoadAlpineKeysAsync();

        var exception = await Assert.ThrowsAsync<ApkException>(() => ReadVerifiedAsync(path, keyring));

        Assert.Equal("APKO2104", exception.Code);
        Assert.Contains(path, exception.Message);
        Assert.Contains("'melange.rsa.pub'", exception.Message);
        Assert.Contains("contents.keyring or pass -k <file>", exception.Message);
    }

    [Fact]
    public async Task ReadAsync_SignatureInContentMember_ParsesUnverified()
    {
        var path = Fixtures.Path([.. ApkTestData, "APKINDEX.tar.gz"]);

        var index = await ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Unverified(), Token);

        Assert.Equal(["a-pkg", "b-pkg"], index.Packages.Select(package => package.Name));
        Assert.Equal(["so:libc.musl-x86_64.so.1"], index.Packages[0].Dependencies);
    }

    [Fact]
    public async Task ReadAsync_SignatureInContentMember_NotSignedWhenVerifying()
    {
        var path = Fixtures.Path([.. ApkTestData, "APKINDEX.tar.gz"]);

        var keyring = await KeyringTests.LoadAlpineKeysAsync();

        var exception = await Assert.ThrowsAsync<ApkException>(() => ReadVerifiedAsync(path, keyring));

        Assert.Equal("APKO2103", exception.Code);
    }

    [Fact]
    public async Task ReadAsync_PlainText_Parses()
    {
        var path = Fixtures.Path([.. ApkTestData, "extracted", "APKINDEX"]);

        var index = await ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Unverified(), Token);

        Assert.Equal(["a-pkg", "b-pkg"], index.Packages.Select(package => package.Name));
        Assert.Equal(1600096848, index.Packages[1].BuildTime);
    }

    [Fact]
    public async Task ReadAsync_NonSeekableStream_Verifies()
    {
        var bytes = await File.ReadAllBytesAsync(
            Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz"),
            Token);
        var options = ApkIndexReadOptions.Verified(await KeyringTests.LoadAlpineKeysAsync());

        var index = await ApkIndexReader.ReadAsync(new ForwardOnlyStream(bytes), options, "http://127.0.0.1/x", Token);

        Assert.Equal(100, index.Packages.Count);
    }

    [Theory]
    [InlineData("content member", 2000)]
    [InlineData("gzip trailer", -3)]
    [InlineData("signature value", 400)]
    public async Task ReadAsync_AlteredCopy_RejectedNamingFile(string part, int offset)
    {
        using var temp = new TempDirectory();
        var path = temp.CopyWithFlippedByte(
            Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz"),
            length => offset >= 0 ? offset : length + offset);

        var keyring = await KeyringTests.LoadAlpineKeysAsync();

        var exception = await Assert.ThrowsAsync<ApkException>(() => ReadVerifiedAsync(path, keyring));

        Assert.True(exception.Message.Contains(path, StringComparison.Ordinal), $"{part}: {exception.Message}");
    }

    [Fact]
    public async Task ReadAsync_SignatureOfOtherIndex_SignatureMismatch()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "APKINDEX.tar.gz");
        var x86 = await ReadFixtureAsync([.. CliTestData, "packages", "x86_64", "APKINDEX.tar.gz"]);
        var arm = await ReadFixtureAsync([.. CliTestData, "packages", "aarch64", "APKINDEX.tar.gz"]);
        var x86Signature = await ReadFirstMemberLengthAsync(x86);
        var armSignature = await ReadFirstMemberLengthAsync(arm);
        await File.WriteAllBytesAsync(path, [.. x86[..(int)x86Signature], .. arm[(int)armSignature..]], Token);
        var keyring = await Keyring.LoadAsync([Fixtures.Path([.. CliTestData, "packages", "melange.rsa.pub"])], Token);

        var exception = await Assert.ThrowsAsync<ApkException>(() => ReadVerifiedAsync(path, keyring));

        Assert.Equal("APKO2105", exception.Code);
        Assert.Contains("'melange.rsa.pub'", exception.Message);
        Assert.Contains(path, exception.Message);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(700)]
    [InlineData(5000)]
    public async Task ReadAsync_Truncated_RejectedNamingFile(int length)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "APKINDEX.tar.gz");
        var original = Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz");
        var bytes = await File.ReadAllBytesAsync(original, Token);
        await File.WriteAllBytesAsync(path, bytes[..length], Token);

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Unverified(), Token));

        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public async Task ReadAsync_OverSizeLimit_Rejected()
    {
        var path = Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz");

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkIndexReader.ReadAsync(path, new ApkIndexReadOptions { MaxSize = 10_000 }, Token));

        Assert.Equal("APKO2113", exception.Code);
    }

    [Theory]
    [InlineData("P:a\nV:1\nbroken\n", "APKO2010", "test:3:")]
    [InlineData("P:a\nV:1\n\nA:x86_64\n", "APKO2011", "test:4:")]
    [InlineData("P:a\nV:1\nS:12x\n", "APKO2012", "test:3:")]
    [InlineData("P:a\nV:1\nk:-1\n", "APKO2012", "test:3:")]
    public async Task ReadAsync_MalformedText_NamesLine(string text, string code, string location)
    {
        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkIndexReader.ReadAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(text)),
                ApkIndexReadOptions.Unverified(),
                "test",
                Token));

        Assert.Equal(code, exception.Code);
        Assert.StartsWith(location, exception.Message);
    }

    [Fact]
    public async Task ReadTextAsync_WithKeyring_Rejected()
    {
        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkIndexReader.ReadAsync(
                new MemoryStream(Encoding.UTF8.GetBytes("P:a\nV:1\n")),
                ApkIndexReadOptions.Verified(Keyring.Empty),
                "test",
                Token));

        Assert.Equal("APKO2116", exception.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_EmptyFile_NamedEmpty(bool verified)
    {
        var options = verified ? ApkIndexReadOptions.Verified(Keyring.Empty) : ApkIndexReadOptions.Unverified();

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkIndexReader.ReadAsync(new MemoryStream(), options, "empty.tar.gz", Token));

        Assert.Equal("APKO2118", exception.Code);
        Assert.StartsWith("empty.tar.gz: the index file is empty.", exception.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "00000000")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D }, "89504E470D")]
    public async Task ReadAsync_BinaryData_NotAnIndex(byte[] content, string hex)
    {
        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkIndexReader.ReadAsync(
            new MemoryStream(content), ApkIndexReadOptions.Verified(Keyring.Empty), "x.tar.gz", Token));

        Assert.Equal("APKO2119", exception.Code);
        Assert.Contains($"starts with bytes {hex}", exception.Message);
        Assert.DoesNotContain("--ignore-signatures", exception.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task ReadAsync_TruncatedSignedIndex_ReportedAsTruncated(int length)
    {
        var bytes = await File.ReadAllBytesAsync(
            Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz"), Token);
        var keyring = await KeyringTests.LoadAlpineKeysAsync();

        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkIndexReader.ReadAsync(
            new MemoryStream(bytes[..length]),
            ApkIndexReadOptions.Verified(keyring),
            "cut.tar.gz",
            Token));

        Assert.NotEqual("APKO2103", exception.Code);
        Assert.Contains("ends before its gzip data is complete", exception.Message);
    }

    [Fact]
    public async Task ReadAsync_ForeignContent_SignatureFailsFirst()
    {
        // The real signature member followed by a content member that is not even a tar: verifying first reports
        // the signature, where parsing first would have reported the tar.
        var bytes = await File.ReadAllBytesAsync(
            Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz"), Token);
        var signatureLength = await ReadFirstMemberLengthAsync(bytes);
        using var foreign = new MemoryStream();
        await using (var gzip = new GZipStream(foreign, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[4096], Token);
        }

        var keyring = await KeyringTests.LoadAlpineKeysAsync();
        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkIndexReader.ReadAsync(
            new MemoryStream([.. bytes[..(int)signatureLength], .. foreign.ToArray()]),
            ApkIndexReadOptions.Verified(keyring),
            "foreign.tar.gz",
            Token));

        Assert.Equal("APKO2105", exception.Code);
    }

    [Fact]
    public async Task ReadAsync_ControlCharactersInLine_Escaped()
    {
        var exception = await Assert.ThrowsAsync<ApkException>(() => ApkIndexReader.ReadAsync(
            new MemoryStream("P:a\nV:1\nx\u0007\u001b[2J\n"u8.ToArray()),
            ApkIndexReadOptions.Unverified(),
            "text",
            Token));

        Assert.Equal("APKO2010", exception.Code);
        Assert.Contains("'x\\u0007\\u001B[2J'", exception.Message);
    }

    private static Task<byte[]> ReadFixtureAsync(string[] parts) =>
        File.ReadAllBytesAsync(Fixtures.Path(parts), Token);

    private static async Task<long> ReadFirstMemberLengthAsync(byte[] file)
    {
        var member = await GzipMemberReader.ReadAsync(new MemoryStream(file), 1 << 20, "test", Token);
        return member.Length;
    }

    private static Task<ApkIndex> ReadVerifiedAsync(string path, Keyring keyring) =>
        ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Verified(keyring), Token);
}
