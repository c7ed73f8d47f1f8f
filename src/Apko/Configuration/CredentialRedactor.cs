namespace Apko.Configuration;

/// <summary>
/// Hides passwords in repository and key URLs, as Go's <c>url.URL.Redacted</c> does for apko's
/// <c>show-config</c>: <c>https://user:secret@host/x</c> becomes <c>https://user:xxxxx@host/x</c>.
/// </summary>
internal static class CredentialRedactor
{
    private const string Mask = "xxxxx";

    /// <summary>Redacts the URL of a repository or key entry, including one after an <c>@tag</c> prefix.</summary>
    public static string Redact(string entry)
    {
        var space = entry.IndexOf(' ', StringComparison.Ordinal);
        if (entry.StartsWith('@') && space > 0)
        {
            return entry[..(space + 1)] + RedactUrl(entry[(space + 1)..]);
        }

        return RedactUrl(entry);
    }

    private static string RedactUrl(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }

        var authorityStart = scheme + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon > at)
        {
            return url;
        }

        var redacted = authority[..(colon + 1)] + Mask + authority[at..];
        return url[..authorityStart] + redacted + (authorityEnd < 0 ? "" : url[authorityEnd..]);
    }
}
