using System.Security.Cryptography;

namespace Apko.Apk.Signing;

/// <summary>
/// A signature entry of an APKINDEX or .apk file, such as <c>.SIGN.RSA256.melange.rsa.pub</c>.
/// </summary>
/// <param name="Algorithm">The signature scheme from the entry name.</param>
/// <param name="KeyName">The key file name after the scheme, such as <c>melange.rsa.pub</c>.</param>
/// <param name="Value">The raw signature bytes.</param>
public sealed record ApkSignature(ApkSignatureAlgorithm Algorithm, string KeyName, ReadOnlyMemory<byte> Value)
{
    /// <summary>The entry name prefix shared by every signature entry.</summary>
    public const string EntryPrefix = ".SIGN.";

    private const string RsaSha1Prefix = ".SIGN.RSA.";
    private const string RsaSha256Prefix = ".SIGN.RSA256.";

    /// <summary>The tar entry name this signature is stored under.</summary>
    public string EntryName => GetEntryName(Algorithm, KeyName);

    /// <summary>The digest algorithm the signature covers.</summary>
    public HashAlgorithmName HashAlgorithm =>
        Algorithm == ApkSignatureAlgorithm.RsaSha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;

    /// <summary>Returns the tar entry name for a signature made with <paramref name="algorithm"/> and a key.</summary>
    public static string GetEntryName(ApkSignatureAlgorithm algorithm, string keyName) =>
        (algorithm == ApkSignatureAlgorithm.RsaSha256 ? RsaSha256Prefix : RsaSha1Prefix) + keyName;

    /// <summary>
    /// Parses a signature entry name. Returns false for names that are not <c>.SIGN.RSA.</c> or
    /// <c>.SIGN.RSA256.</c> entries with a key name, such as the DSA and RSA512 entries apk-tools also ignores.
    /// </summary>
    public static bool TryParseEntryName(string entryName, out ApkSignatureAlgorithm algorithm, out string keyName)
    {
        algorithm = ApkSignatureAlgorithm.RsaSha1;
        keyName = "";
        if (entryName.StartsWith(RsaSha256Prefix, StringComparison.Ordinal))
        {
            algorithm = ApkSignatureAlgorithm.RsaSha256;
            keyName = entryName[RsaSha256Prefix.Length..];
        }
        else if (entryName.StartsWith(RsaSha1Prefix, StringComparison.Ordinal))
        {
            keyName = entryName[RsaSha1Prefix.Length..];
        }

        return keyName.Length > 0 && !keyName.Contains('/');
    }
}
