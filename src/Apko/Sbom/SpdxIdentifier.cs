using System.Text;

namespace Apko.Sbom;

/// <summary>Turns arbitrary text into the characters an SPDX identifier may hold, as apko does.</summary>
internal static class SpdxIdentifier
{
    /// <summary>
    /// Replaces <c>:</c> with <c>-</c> and every other byte outside <c>[A-Za-z0-9.-]</c> with <c>C</c> and its
    /// decimal value (<c>_</c> becomes <c>C95</c>); a byte of a multi-byte UTF-8 character becomes <c>C65533</c>,
    /// apko's value for it.
    /// </summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b == (byte)':')
            {
                builder.Append('-');
            }
            else if (IsValid((char)b) && b < 0x80)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('C').Append(b < 0x80 ? b : 0xFFFD);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns whether a whole identifier is <c>SPDXRef-</c> followed by valid characters.</summary>
    public static bool IsValidElementId(string id) =>
        id.StartsWith("SPDXRef-", StringComparison.Ordinal) && id.Length > 8 && id.AsSpan(8).ToString().All(IsValid);

    private static bool IsValid(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';
}
