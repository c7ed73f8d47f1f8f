namespace Apko.Locking;

/// <summary>Decodes the digests of lock files: <c>sha1-</c>, <c>sha256-</c> and <c>Q1</c> followed by base64.</summary>
internal static class LockDigest
{
    /// <summary>
    /// Decodes <paramref name="text"/> when it is <paramref name="prefix"/> followed by the base64 of exactly
    /// <paramref name="size"/> bytes.
    /// </summary>
    public static bool TryDecode(string text, string prefix, int size, out byte[] digest)
    {
        digest = [];
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[size + 3];
        if (!Convert.TryFromBase64String(text[prefix.Length..], buffer, out var written) || written != size)
        {
            return false;
        }

        digest = buffer[..size];
        return true;
    }
}
