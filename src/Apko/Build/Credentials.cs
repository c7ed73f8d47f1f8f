namespace Apko.Build;

/// <summary>Removes credentials from repository and key locations before they are written into an image or SBOM.</summary>
internal static class Credentials
{
    /// <summary>
    /// Returns the line without <c>user:password@</c> in its URL; an <c>@tag</c> prefix and local paths are kept.
    /// </summary>
    public static string Strip(string line)
    {
        var prefix = "";
        var location = line;
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (line.StartsWith('@') && space > 0)
        {
            prefix = line[..(space + 1)];
            location = line[(space + 1)..];
        }

        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return line;
        }

        var authority = scheme + 3;
        var slash = location.IndexOf('/', authority);
        var end = slash < 0 ? location.Length : slash;
        var at = location.LastIndexOf('@', end - 1, end - authority);
        return at < 0 ? line : prefix + location[..authority] + location[(at + 1)..];
    }
}
