using System.Security.Cryptography;

namespace Apko.Apk.Signing;

/// <summary>
/// Checks the signatures of an APKINDEX or .apk against a keyring as apk-tools does: any one valid signature by a
/// known key is enough.
/// </summary>
internal static class SignatureVerifier
{
    /// <summary>Returns the key that verified one of <paramref name="signatures"/>.</summary>
    /// <param name="signatures">The signature entries of the file.</param>
    /// <param name="digest">Returns the digest of the signed bytes for an algorithm.</param>
    /// <param name="keyring">Trusted keys.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="ApkException">No signature, no known key, or no valid signature.</exception>
    public static ApkPublicKey Verify(
        IReadOnlyList<ApkSignature> signatures,
        Func<HashAlgorithmName, byte[]> digest,
        Keyring keyring,
        string source)
    {
        if (signatures.Count == 0)
        {
            throw SigningErrors.NotSigned(source);
        }

        var missing = new List<string>();
        var mismatched = new List<string>();
        foreach (var signature in signatures)
        {
            if (!keyring.TryGetKey(signature.KeyName, out var key))
            {
                missing.Add(signature.KeyName);
                continue;
            }

            var hash = digest(signature.HashAlgorithm);
            if (key.VerifyDigest(hash, signature.Value.Span, signature.HashAlgorithm))
            {
                return key;
            }

            mismatched.Add(signature.KeyName);
        }

        throw mismatched.Count > 0
            ? SigningErrors.SignatureMismatch(source, mismatched)
            : SigningErrors.KeyNotFound(source, missing);
    }
}
