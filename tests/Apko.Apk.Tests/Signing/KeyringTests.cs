using System.Text;
using Apko.Apk.Signing;
using Apko.Apk.Tests.Packages;
using Apko.Testing;

namespace Apko.Apk.Tests.Signing;

public sealed class KeyringTests
{
    private const string AlpineKey = "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub";

    private static readonly Lazy<Task<Keyring>> s_alpineKeys = new(
        () => Keyring.LoadAsync(
            Directory.GetFiles(Fixtures.Path("alpine", "keys"), "*.rsa.pub"),
            CancellationToken.None));

    /// <summary>Returns the Alpine signing keys, loaded once for all tests (a keyring is immutable).</summary>
    public static Task<Keyring> LoadAlpineKeysAsync() => s_alpineKeys.Value;

    [Fact]
    public async Task LoadAsync_AlpineKeys_AllLoaded()
    {
        var keyring = await LoadAlpineKeysAsync();

        Assert.Equal(17, keyring.Keys.Count);
        Assert.All(keyring.Keys, key => Assert.True(key.KeySize >= 2048, key.Name));
    }

    [Theory]
    [InlineData(AlpineKey)]
    [InlineData("alpine-devel@lists.alpinelinux.org-6165ee59")]
    public async Task TryGetKey_WithOrWithoutSuffix_Found(string name)
    {
        var keyring = await LoadAlpineKeysAsync();

        Assert.True(keyring.TryGetKey(name, out var key));
        Assert.Equal(AlpineKey, key.Name);
    }

    [Fact]
    public async Task TryGetKey_UnknownName_NotFound()
    {
        var keyring = await LoadAlpineKeysAsync();

        Assert.False(keyring.TryGetKey("melange.rsa.pub", out _));
    }

    [Fact]
    public void FromPem_KeyWithoutSuffix_FoundBySignatureName()
    {
        var pem = File.ReadAllBytes(Fixtures.Path("apko", "internal", "cli", "testdata", "melange.rsa.pub"));

        var keyring = Keyring.FromPem([new("melange", pem)]);

        Assert.True(keyring.TryGetKey("melange.rsa.pub", out var key));
        Assert.Equal("melange", key.Name);
        Assert.Equal(4096, key.KeySize);
    }

    [Fact]
    public void WithKey_NotPem_ThrowsNamingKey()
    {
        var exception = Assert.Throws<ApkException>(
            () => Keyring.Empty.WithKey("broken.rsa.pub", Encoding.UTF8.GetBytes("not a key")));

        Assert.Equal("APKO2101", exception.Code);
        Assert.Contains("'broken.rsa.pub'", exception.Message);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNamingPath()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "absent.rsa.pub");

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => Keyring.LoadAsync([path], TestContext.Current.CancellationToken));

        Assert.Equal("APKO2100", exception.Code);
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void Generate_PublicKey_VerifiesOwnSignature()
    {
        using var signingKey = ApkSigningKey.Generate("fresh.rsa.pub");
        var data = Encoding.UTF8.GetBytes("signed bytes");

        var signature = signingKey.Sign(data);
        var key = Keyring.Empty.WithKey("fresh.rsa.pub", Encoding.UTF8.GetBytes(signingKey.ExportPublicKeyPem()))
            .Keys[0];

        Assert.Equal(".SIGN.RSA256.fresh.rsa.pub", signature.EntryName);
        Assert.True(key.VerifyDigest(
            System.Security.Cryptography.SHA256.HashData(data),
            signature.Value.Span,
            signature.HashAlgorithm));
    }
}
