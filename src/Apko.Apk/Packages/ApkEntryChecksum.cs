using System.Formats.Tar;

namespace Apko.Apk.Packages;

/// <summary>
/// The per-file SHA-1 that .apk data tars carry in the PAX record <c>APK-TOOLS.checksum.SHA1</c> of each regular
/// file and symlink, as 40 hex digits (abuild) or <c>Q1</c> and base64 (some other writers).
/// </summary>
public static class ApkEntryChecksum
{
    /// <summary>The PAX record name.</summary>
    public const string PaxRecordName = "APK-TOOLS.checksum.SHA1";

    /// <summary>Returns the expected SHA-1 of an entry's content, or null when the entry has no such record.</summary>
    /// <exception cref="ApkException">The record is neither hex nor <c>Q1</c> base64 of 20 bytes.</exception>
    public static byte[]? GetExpectedSha1(TarEntry entry)
    {
        if (entry is not PaxTarEntry pax || !pax.ExtendedAttributes.TryGetValue(PaxRecordName, out var value))
        {
            return null;
        }

        return ParseSha1(value, entry.Name);
    }

    /// <summary>Parses a SHA-1 written as 40 hex digits or as <c>Q1</c> and base64.</summary>
    /// <param name="value">The record value.</param>
    /// <param name="entryName">The entry name used in messages.</param>
    /// <exception cref="ApkException">The value is neither form.</exception>
    public static byte[] ParseSha1(string value, string entryName)
    {
        var digest = new byte[20];
        if (value.Length == 40 && Convert.FromHexString(value, digest, out _, out var written)
            == System.Buffers.OperationStatus.Done && written == 20)
        {
            return digest;
        }

        if (value.StartsWith("Q1", StringComparison.Ordinal)
            && Convert.TryFromBase64String(value[2..], digest, out written) && written == 20)
        {
            return digest;
        }

        throw PackageErrors.InvalidFileChecksum(entryName, value);
    }

    /// <summary>Formats a SHA-1 as apk-tools writes checksums: <c>Q1</c> and base64.</summary>
    public static string FormatQ1(ReadOnlySpan<byte> sha1) => "Q1" + Convert.ToBase64String(sha1);
}
