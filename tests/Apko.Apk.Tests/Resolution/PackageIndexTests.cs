using System.Security.Cryptography;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Resolution;

namespace Apko.Apk.Tests.Resolution;

public sealed class PackageIndexTests
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void Packages_ChecksumSpellings_MergedWhenBytesEqual(int addedToLastValue, int expectedPackages)
    {
        var canonical = "Q1" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes("pkg-1.0-r0")));
        var last = Base64Alphabet.IndexOf(canonical[^2], StringComparison.Ordinal);
        var other = canonical[..^2] + Base64Alphabet[(last + addedToLastValue) % 64] + "=";

        var index = new PackageIndex([CreateRepository("first", canonical), CreateRepository("second", other)], []);

        Assert.Equal(expectedPackages, index.Packages.Count);
        Assert.Equal(expectedPackages == 1 ? 0b11UL : 0b01UL, index.Packages[0].Repositories);
    }

    [Fact]
    public void Packages_ChecksumNotBase64_KeptAsText()
    {
        var index = new PackageIndex(
            [CreateRepository("first", "Q1not*base64="), CreateRepository("second", "Q1not*base64=")],
            []);

        Assert.Equal(0b11UL, Assert.Single(index.Packages).Repositories);
    }

    private static RepositoryIndex CreateRepository(string path, string checksum) =>
        new(
            new Repository(path),
            "x86_64",
            new ApkIndex("", [new ApkPackage { Name = "pkg", Version = "1.0-r0", Checksum = checksum }]));
}
