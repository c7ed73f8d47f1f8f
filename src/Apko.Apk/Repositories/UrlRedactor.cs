namespace Apko.Apk.Repositories;

/// <summary>
/// Removes credentials from URLs before they are printed, logged or put into an exception message.
/// </summary>
public static class UrlRedactor
{
    /// <summary>The text that replaces the user information of a URL.</summary>
    public const string Placeholder = "***";

    /// <summary>
    /// Returns the text with the user information of its URL (<c>user:password@</c>) replaced by <c>***@</c>.
    /// Text that is not a URL, or a URL without user information, is returned unchanged.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return text;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = text.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = text.Length;
        }

        var at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
        {
            return text;
        }

        return string.Concat(text.AsSpan(0, authorityStart), Placeholder, text.AsSpan(at));
    }
}
