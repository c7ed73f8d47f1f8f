namespace Apko.Apk.Repositories;

/// <summary>Turns an index's <c>C:</c> checksum into the key of a package in the cache.</summary>
internal static class PackageChecksum
{
    /// <summary>
    /// Returns the lowercase hex SHA-1 of a <c>Q1</c> checksum (<c>Q1</c> and the base64 SHA-1 of the package's
    /// control stream).
    /// </summary>
    /// <exception cref="ApkException">The checksum is not in that form.</exception>
    public static string ToCacheKey(string checksum, string fileName)
    {
        Span<byte> sha1 = stackalloc byte[20];
        var valid = checksum.StartsWith("Q1", StringComparison.Ordinal)
            && Convert.TryFromBase64String(checksum[2..], sha1, out var written)
            && written == sha1.Length;
        if (!valid)
        {
            throw RepositoryErrors.InvalidChecksum(fileName, checksum);
        }

        return Convert.ToHexStringLower(sha1);
    }
}
