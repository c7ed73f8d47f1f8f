using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Apko.Apk.Installation;

/// <summary>SHA-1 checksums in the two spellings APK uses: hex, and <c>Q1</c> followed by base64.</summary>
internal static class Sha1Checksum
{
    public const int Length = 20;

    public static string ToQ1(ReadOnlySpan<byte> digest) => "Q1" + Convert.ToBase64String(digest);

    /// <summary>Decodes a 40-digit hex or a <c>Q1</c> base64 SHA-1, as the <c>APK-TOOLS.checksum.SHA1</c> record holds.</summary>
    public static bool TryDecode(string value, out byte[] digest)
    {
        digest = [];
        try
        {
            digest = value.StartsWith("Q1", StringComparison.Ordinal)
                ? Convert.FromBase64String(value[2..])
                : Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            return false;
        }

        return digest.Length == Length;
    }

    /// <summary>
    /// Hashes extended attributes as apk-tools does: sorted by name, each name and value prefixed by its
    /// big-endian 32-bit length. Returns null when there are none.
    /// </summary>
    public static string? HashXattrs(IReadOnlyDictionary<string, byte[]> xattrs)
    {
        if (xattrs.Count == 0)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        Span<byte> length = stackalloc byte[4];
        foreach (var name in xattrs.Keys.Order(StringComparer.Ordinal))
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)nameBytes.Length);
            hash.AppendData(length);
            hash.AppendData(nameBytes);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)xattrs[name].Length);
            hash.AppendData(length);
            hash.AppendData(xattrs[name]);
        }

        return ToQ1(hash.GetHashAndReset());
    }
}
