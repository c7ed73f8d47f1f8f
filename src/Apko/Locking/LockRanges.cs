using System.Globalization;

namespace Apko.Locking;

/// <summary>
/// Checks the byte ranges of a locked package: each is <c>bytes=FIRST-LAST</c>, the members follow each other from
/// byte 0 (signature, control, data), and the package checksum names the same control SHA-1 as the control member.
/// </summary>
internal static class LockRanges
{
    /// <summary>Throws when the ranges or checksums of <paramref name="package"/> disagree.</summary>
    public static void Check(LockJsonObject entry, LockPackage package)
    {
        var next = 0L;
        if (package.Signature.Range.Length > 0)
        {
            next = CheckRange(entry, "signature", package.Signature.Range, next);
        }

        next = CheckRange(entry, "control", package.Control.Range, next);
        CheckRange(entry, "data", package.Data.Range, next);

        if (!LockDigest.TryDecode(package.Checksum, "Q1", 20, out var checksum))
        {
            throw entry.Error(
                "checksum", $"'{package.Checksum}' is not 'Q1' followed by the base64 of a 20-byte SHA-1.");
        }

        if (package.Control.Checksum != "sha1-" + Convert.ToBase64String(checksum))
        {
            throw entry.Error(
                "checksum",
                $"'{package.Checksum}' and the control checksum '{package.Control.Checksum}' name different digests.");
        }
    }

    /// <summary>Parses <c>bytes=FIRST-LAST</c>; returns false unless 0 &lt;= FIRST &lt;= LAST.</summary>
    public static bool TryParse(string range, out long first, out long last)
    {
        first = last = 0;
        if (!range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = range["bytes=".Length..].Split('-');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && first <= last;
    }

    private static long CheckRange(LockJsonObject entry, string section, string range, long expectedFirst)
    {
        var location = $"{section}.range";
        if (!TryParse(range, out var first, out var last))
        {
            throw entry.Error(location, $"'{range}' is not a byte range 'bytes=FIRST-LAST' with FIRST <= LAST.");
        }

        if (first != expectedFirst)
        {
            var expected = expectedFirst == 0
                ? "the first member starts at byte 0"
                : $"the previous member ends at byte {expectedFirst - 1}";
            throw entry.Error(location, $"'{range}' starts at byte {first}, but {expected}.");
        }

        return last + 1;
    }
}
