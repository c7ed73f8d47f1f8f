using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Signing;
using Apko.Apk.Tests.Packages;
using Apko.Apk.Tests.Signing;
using Apko.Testing;

namespace Apko.Apk.Tests.Indexes;

public sealed class ApkIndexWriterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("alpine", "v3.19.1-iso", "x86_64")]
    [InlineData("alpine", "v3.19-snapshot-2024-06-18", "main/x86_64")]
    public async Task WriteText_AlpineIndex_ReproducesOriginalText(string root, string release, string directory)
    {
        var path = Fixtures.Path([root, release, .. directory.Split('/'), "APKINDEX.tar.gz"]);
        var index = await ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Unverified(), Token);

        var text = ApkIndexWriter.WriteText(index.Packages);

        Assert.True(text == await ReadApkIndexTextAsync(path), "the written text differs from the original");
    }

    [Fact]
    public void WriteText_AllFields_ApkToolsOrder()
    {
        var package = new ApkPackage
        {
            Name = "a",
            Version = "1-r0",
            Arch = "x86_64",
            Checksum = "Q1abc=",
            Size = 10,
            InstalledSize = 20,
            Description = "desc",
            Url = "https://a.test",
            License = "MIT",
            Origin = "a-src",
            Maintainer = "Me <me@a.test>",
            BuildTime = 1700000000,
            Commit = "abc123",
            ProviderPriority = 7,
            Dependencies = ["b", "so:c.so.1"],
            Provides = ["cmd:a=1-r0"],
            InstallIf = ["x", "y"],
            Replaces = ["old"],
            ReplacesPriority = 3,
        };

        var text = ApkIndexWriter.WriteText([package]);

        Assert.Equal(
            "C:Q1abc=\nP:a\nV:1-r0\nA:x86_64\nS:10\nI:20\nT:desc\nU:https://a.test\nL:MIT\no:a-src\n"
            + "m:Me <me@a.test>\nt:1700000000\nc:abc123\nk:7\nD:b so:c.so.1\np:cmd:a=1-r0\ni:x y\nr:old\nq:3\n\n",
            text);
    }

    [Fact]
    public async Task WriteArchiveAsync_Signed_ReadsBackVerified()
    {
        using var temp = new TempDirectory();
        using var key = ApkSigningKey.Generate("local.rsa.pub");
        var path = Path.Combine(temp.Path, "APKINDEX.tar.gz");
        var alpine = await ApkIndexReader.ReadAsync(
            Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz"),
            ApkIndexReadOptions.Unverified(),
            Token);

        await ApkIndexWriter.WriteArchiveAsync(path, alpine with { Description = "local" }, key, Token);
        var index = await ApkIndexReader.ReadAsync(
            path,
            ApkIndexReadOptions.Verified(Keyring.Empty.WithKey(key.GetPublicKey())),
            Token);

        Assert.Equal("local", index.Description);
        Assert.Equal(ApkIndexWriter.WriteText(alpine.Packages), ApkIndexWriter.WriteText(index.Packages));
    }

    [Fact]
    public async Task WriteArchiveAsync_SignedByOtherKey_Rejected()
    {
        using var temp = new TempDirectory();
        using var key = ApkSigningKey.Generate("local.rsa.pub");
        using var impostor = ApkSigningKey.Generate("local.rsa.pub");
        var path = Path.Combine(temp.Path, "APKINDEX.tar.gz");
        await ApkIndexWriter.WriteArchiveAsync(path, new ApkIndex("", []), impostor, Token);

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => ApkIndexReader.ReadAsync(
                path,
                ApkIndexReadOptions.Verified(Keyring.Empty.WithKey(key.GetPublicKey())),
                Token));

        Assert.Equal("APKO2105", exception.Code);
    }

    private static async Task<string> ReadApkIndexTextAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: false, Token) is { } entry)
        {
            if (entry.Name == "APKINDEX")
            {
                using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
                return await reader.ReadToEndAsync(Token);
            }
        }

        throw new InvalidOperationException($"No APKINDEX in '{path}'.");
    }
}
