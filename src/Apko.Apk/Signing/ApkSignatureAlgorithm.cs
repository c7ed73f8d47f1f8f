namespace Apko.Apk.Signing;

/// <summary>
/// Signature scheme named by an APK signature entry: RSA PKCS#1 v1.5 over a SHA-1 or SHA-256 digest.
/// </summary>
public enum ApkSignatureAlgorithm
{
    /// <summary>RSA PKCS#1 v1.5 over SHA-1, entry prefix <c>.SIGN.RSA.</c>.</summary>
    RsaSha1,

    /// <summary>RSA PKCS#1 v1.5 over SHA-256, entry prefix <c>.SIGN.RSA256.</c>.</summary>
    RsaSha256,
}
