using System.Security.Cryptography;

namespace Apko.Apk.Signing;

/// <summary>An RSA public key of a keyring, with the file name that signature entries refer to.</summary>
public sealed class ApkPublicKey
{
    private readonly RSAParameters _parameters;

    private ApkPublicKey(string name, string pem, RSAParameters parameters)
    {
        Name = name;
        Pem = pem;
        _parameters = parameters;
    }

    /// <summary>The key file name, such as <c>alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub</c>.</summary>
    public string Name { get; }

    /// <summary>The PEM text the key was loaded from (lock files record keys by content).</summary>
    public string Pem { get; }

    /// <summary>The RSA modulus size in bits.</summary>
    public int KeySize => _parameters.Modulus!.Length * 8;

    /// <summary>Parses a PEM <c>PUBLIC KEY</c> (PKIX) or <c>RSA PUBLIC KEY</c> block.</summary>
    /// <param name="name">The key file name.</param>
    /// <param name="pem">The PEM text.</param>
    /// <exception cref="ApkException">The text contains no RSA public key.</exception>
    public static ApkPublicKey FromPem(string name, string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new ApkPublicKey(name, pem, rsa.ExportParameters(includePrivateParameters: false));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw SigningErrors.InvalidPublicKey(name, exception);
        }
    }

    /// <summary>Checks an RSA PKCS#1 v1.5 signature over a precomputed digest.</summary>
    /// <param name="digest">The SHA-1 or SHA-256 digest of the signed bytes.</param>
    /// <param name="signature">The signature bytes.</param>
    /// <param name="hashAlgorithm">The algorithm that produced <paramref name="digest"/>.</param>
    /// <returns>True when the signature is valid for this key.</returns>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, HashAlgorithmName hashAlgorithm)
    {
        using var rsa = RSA.Create(_parameters);
        try
        {
            return rsa.VerifyHash(digest, signature, hashAlgorithm, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Returns the key name.</summary>
    public override string ToString() => Name;
}
