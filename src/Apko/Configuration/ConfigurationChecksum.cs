using System.Security.Cryptography;

namespace Apko.Configuration;

/// <summary>
/// Computes the config checksum of a lock file: <c>sha256-</c> and base64 of one SHA-256 over all files.
/// </summary>
internal static class ConfigurationChecksum
{
    /// <summary>
    /// Hashes the contents in order; with <paramref name="normalizeLineEndings"/>, each CRLF counts as LF.
    /// </summary>
    public static string Compute(IEnumerable<byte[]> contents, bool normalizeLineEndings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var content in contents)
        {
            hash.AppendData(normalizeLineEndings ? NormalizeLineEndings(content) : content);
        }

        return "sha256-" + Convert.ToBase64String(hash.GetHashAndReset());
    }

    private static byte[] NormalizeLineEndings(byte[] content)
    {
        var output = new byte[content.Length];
        var length = 0;
        for (var index = 0; index < content.Length; index++)
        {
            if (content[index] == '\r' && index + 1 < content.Length && content[index + 1] == '\n')
            {
                continue;
            }

            output[length++] = content[index];
        }

        return output[..length];
    }
}
