using System.Security.Cryptography;
using Apko.Apk.Signing;
using Apko.Testing;

namespace Apko.Apk.Tests.Signing;

public sealed class ApkSigningKeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("melange.rsa", ApkSignatureAlgorithm.RsaSha256)]
    [InlineData("private_packages/private_pkg_key.rsa", ApkSignatureAlgorithm.RsaSha1)]
    public async Task FromPem_MelangeKey_SignatureVerifiesWithPublicKey(string file, ApkSignatureAlgorithm algorithm)
    {
        var directory = Fixtures.Path("apko", "internal", "cli", "testdata");
        var privatePath = Path.Combine(directory, file);
        var publicKey = ApkPublicKey.FromPem(
            Path.GetFileName(privatePath) + ".pub",
            await File.ReadAllTextAsync(privatePath + ".pub", Token));
        var privatePem = await File.ReadAllTextAsync(privatePath, Token);
        using var key = ApkSigningKey.FromPem(publicKey.Name, privatePem, algorithm);
        byte[] data = [1, 2, 3];

        var signature = key.Sign(data);
        var digest = algorithm == ApkSignatureAlgorithm.RsaSha256 ? SHA256.HashData(data) : SHA1.HashData(data);

        Assert.True(publicKey.VerifyDigest(digest, signature.Value.Span, signature.HashAlgorithm));
        Assert.Equal(publicKey.Name, signature.KeyName);
        Assert.Equal(algorithm, signature.Algorithm);
    }

    [Fact]
    public void FromPem_PublicKeyOnly_ThrowsNamingKey()
    {
        var pem = File.ReadAllText(Fixtures.Path("apko", "internal", "cli", "testdata", "melange.rsa.pub"));

        var exception = Assert.Throws<ApkException>(() => ApkSigningKey.FromPem("melange.rsa.pub", pem));

        Assert.Equal("APKO2102", exception.Code);
        Assert.Contains("'melange.rsa.pub'", exception.Message);
    }

    [Theory]
    [InlineData(".SIGN.RSA.alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub", ApkSignatureAlgorithm.RsaSha1)]
    [InlineData(".SIGN.RSA256.melange.rsa.pub", ApkSignatureAlgorithm.RsaSha256)]
    public void TryParseEntryName_Rsa_Parsed(string entryName, ApkSignatureAlgorithm algorithm)
    {
        Assert.True(ApkSignature.TryParseEntryName(entryName, out var parsed, out var keyName));
        Assert.Equal(algorithm, parsed);
        Assert.Equal(entryName, ApkSignature.GetEntryName(parsed, keyName));
    }

    [Theory]
    [InlineData(".SIGN.DSA.key.rsa.pub")]
    [InlineData(".SIGN.RSA512.key.rsa.pub")]
    [InlineData(".SIGN.RSA.")]
    [InlineData(".PKGINFO")]
    public void TryParseEntryName_Unsupported_False(string entryName)
    {
        Assert.False(ApkSignature.TryParseEntryName(entryName, out _, out _));
    }
}
