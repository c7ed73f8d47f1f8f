namespace Apko.Apk.Indexes;

/// <summary>
/// A repository line as configured: a URL or local path, optionally preceded by an <c>@tag</c> that pins it.
/// </summary>
/// <param name="Location">URL (<c>https://…</c>, <c>file://…</c>) or local directory, without a trailing slash.</param>
/// <param name="Tag">Pin name without the <c>@</c>, or null for an untagged repository.</param>
public sealed record Repository(string Location, string? Tag = null)
{
    /// <summary>Parses a repository line such as <c>@edge https://dl-cdn.alpinelinux.org/alpine/edge/main</c>.</summary>
    /// <exception cref="ApkException">The line is empty or has a tag without a location.</exception>
    public static Repository Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0)
        {
            throw new ApkException("APKO2001", "A repository line is empty. Give a URL or a directory.");
        }

        if (!text.StartsWith('@'))
        {
            return new Repository(text.TrimEnd('/'));
        }

        var space = text.IndexOfAny([' ', '\t']);
        if (space < 0)
        {
            throw new ApkException(
                "APKO2001",
                $"Repository '{line}' has a tag but no location. Write it as '@tag URL'.");
        }

        return new Repository(text[(space + 1)..].Trim().TrimEnd('/'), text[1..space]);
    }

    /// <summary>Returns the line as <c>/etc/apk/repositories</c> lists it.</summary>
    public override string ToString() => Tag is null ? Location : $"@{Tag} {Location}";
}
