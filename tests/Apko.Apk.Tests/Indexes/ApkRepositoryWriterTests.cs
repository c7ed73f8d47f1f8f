using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Signing;
using Apko.Apk.Tests.Packages;

namespace Apko.Apk.Tests.Indexes;

public sealed class ApkRepositoryWriterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_SignedRepository_Verifies()
    {
        using var temp = new TempDirectory();
        using var key = ApkSigningKey.Generate("repo.rsa.pub");

        var written = await ApkRepositoryWriter.WriteAsync(
            temp.Path,
            "aarch64",
            [ApkPackageWriterTests.CreateHello(), new ApkPackageBuilder("empty", "0.1-r0", "noarch")],
            key,
            Token);
        var keyring = await Keyring.LoadAsync([Path.Combine(temp.Path, "repo.rsa.pub")], Token);
        var index = await ApkIndexReader.ReadAsync(
            Path.Combine(temp.Path, "aarch64", "APKINDEX.tar.gz"),
            ApkIndexReadOptions.Verified(keyring),
            Token);

        Assert.Equal(["hello", "empty"], index.Packages.Select(package => package.Name));
        Assert.All(index.Packages, package => Assert.Equal("aarch64", package.Arch));
        Assert.Equal(written.Packages.Count, index.Packages.Count);
        foreach (var entry in index.Packages)
        {
            var path = Path.Combine(temp.Path, "aarch64", $"{entry.Name}-{entry.Version}.apk");
            await using var file = await ApkPackageReader.OpenAsync(path, new() { IndexEntry = entry }, Token);
            Assert.Equal(entry.Size, file.Metadata.Size);
        }
    }
}
