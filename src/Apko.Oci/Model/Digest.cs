using System.Security.Cryptography;

namespace Apko.Oci.Model;

/// <summary>A content digest such as <c>sha256:4c1f…</c>, as the OCI image specification defines it.</summary>
/// <param name="Algorithm">Algorithm name; only <c>sha256</c> is produced.</param>
/// <param name="Encoded">Lower-case hex encoding of the hash.</param>
public readonly record struct Digest(string Algorithm, string Encoded)
{
    /// <summary>Computes the SHA-256 digest of a byte span.</summary>
    public static Digest Sha256(ReadOnlySpan<byte> content) =>
        new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Creates a SHA-256 digest from a 32-byte hash value.</summary>
    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new("sha256", Convert.ToHexStringLower(hash));

    /// <summary>Parses <c>algorithm:encoded</c>.</summary>
    /// <exception cref="FormatException">The text is not a sha256 digest with 64 lower-case hex digits.</exception>
    public static Digest Parse(string text)
    {
        if (!TryParse(text, out var digest))
        {
            throw new FormatException($"'{text}' is not a valid digest. Expected 'sha256:' followed by 64 hex digits.");
        }

        return digest;
    }

    /// <summary>Parses <c>sha256:&lt;64 hex digits&gt;</c> without throwing.</summary>
    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (text is null || !text.StartsWith("sha256:", StringComparison.Ordinal) || text.Length != 7 + 64)
        {
            return false;
        }

        var hex = text[7..];
        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        digest = new Digest("sha256", hex);
        return true;
    }

    /// <summary>Returns <c>algorithm:encoded</c>.</summary>
    public override string ToString() => $"{Algorithm}:{Encoded}";
}
