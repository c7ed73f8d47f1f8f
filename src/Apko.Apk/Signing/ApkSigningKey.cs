using System.Security.Cryptography;

namespace Apko.Apk.Signing;

/// <summary>
/// An RSA private key with the key file name that signature entries carry, used to sign indexes and packages.
/// </summary>
public sealed class ApkSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private ApkSigningKey(string name, RSA rsa, ApkSignatureAlgorithm algorithm)
    {
        Name = name;
        _rsa = rsa;
        Algorithm = algorithm;
    }

    /// <summary>The public key file name, such as <c>test.rsa.pub</c>; signature entries carry it.</summary>
    public string Name { get; }

    /// <summary>The signature scheme: SHA-256 (<c>.SIGN.RSA256.</c>, default) or SHA-1 (<c>.SIGN.RSA.</c>).</summary>
    public ApkSignatureAlgorithm Algorithm { get; }

    /// <summary>Creates a fresh RSA key pair, for tests and throwaway local repositories.</summary>
    /// <param name="name">The public key file name, such as <c>test.rsa.pub</c>.</param>
    /// <param name="keySize">The modulus size in bits.</param>
    /// <param name="algorithm">The signature scheme.</param>
    public static ApkSigningKey Generate(
        string name,
        int keySize = 2048,
        ApkSignatureAlgorithm algorithm = ApkSignatureAlgorithm.RsaSha256) =>
        new(name, RSA.Create(keySize), algorithm);

    /// <summary>Parses a PEM RSA private key (<c>PRIVATE KEY</c> or <c>RSA PRIVATE KEY</c>).</summary>
    /// <exception cref="ApkException">The text contains no RSA private key.</exception>
    public static ApkSigningKey FromPem(
        string name,
        string pem,
        ApkSignatureAlgorithm algorithm = ApkSignatureAlgorithm.RsaSha256)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            rsa.ExportParameters(includePrivateParameters: true);
            return new ApkSigningKey(name, rsa, algorithm);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw SigningErrors.InvalidPrivateKey(name, exception);
        }
    }

    /// <summary>Returns the public key as PEM (<c>PUBLIC KEY</c>, PKIX), the content of the .rsa.pub file.</summary>
    public string ExportPublicKeyPem() => _rsa.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>Returns the public key, ready to add to a <see cref="Keyring"/>.</summary>
    public ApkPublicKey GetPublicKey() => ApkPublicKey.FromPem(Name, ExportPublicKeyPem());

    /// <summary>Signs bytes with RSA PKCS#1 v1.5 over the digest of <see cref="Algorithm"/>.</summary>
    public ApkSignature Sign(ReadOnlySpan<byte> data)
    {
        var hashAlgorithm = Algorithm == ApkSignatureAlgorithm.RsaSha256
            ? HashAlgorithmName.SHA256
            : HashAlgorithmName.SHA1;
        var value = _rsa.SignData(data, hashAlgorithm, RSASignaturePadding.Pkcs1);
        return new ApkSignature(Algorithm, Name, value);
    }

    /// <summary>Releases the RSA key.</summary>
    public void Dispose() => _rsa.Dispose();
}
