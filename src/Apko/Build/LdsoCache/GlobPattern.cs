namespace Apko.Build.LdsoCache;

/// <summary>
/// Shell wildcard matching of one path component, as glob(3) does for ld.so.conf <c>include</c> lines:
/// <c>*</c> matches any run of characters, <c>?</c> one character, <c>[abc]</c>, <c>[a-z]</c> and
/// <c>[!a]</c> or <c>[^a]</c> one character of a set, and a backslash quotes the next character.
/// </summary>
internal static class GlobPattern
{
    /// <summary>Returns whether <paramref name="component"/> contains an unquoted wildcard character.</summary>
    public static bool HasWildcard(string component) => component.AsSpan().IndexOfAny("*?[\\") >= 0;

    /// <summary>
    /// Returns whether <paramref name="name"/> matches <paramref name="pattern"/>. A malformed set, such as an
    /// unclosed <c>[</c>, matches nothing.
    /// </summary>
    public static bool IsMatch(string pattern, string name) => Match(pattern, 0, name, 0);

    private static bool Match(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = n; rest <= name.Length; rest++)
                    {
                        if (Match(pattern, p + 1, name, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (n >= name.Length)
                    {
                        return false;
                    }

                    break;
                case '[':
                    if (n >= name.Length || !TryMatchSet(pattern, ref p, name[n]))
                    {
                        return false;
                    }

                    break;
                default:
                    if (pattern[p] == '\\' && p + 1 < pattern.Length)
                    {
                        p++;
                    }

                    if (n >= name.Length || pattern[p] != name[n])
                    {
                        return false;
                    }

                    break;
            }

            p++;
            n++;
        }

        return n == name.Length;
    }

    /// <summary>
    /// Matches <paramref name="c"/> against the set that starts at <paramref name="p"/> and leaves
    /// <paramref name="p"/> on the closing bracket; returns false for a malformed set.
    /// </summary>
    private static bool TryMatchSet(string pattern, ref int p, char c)
    {
        var i = p + 1;
        var negated = i < pattern.Length && pattern[i] is '!' or '^';
        if (negated)
        {
            i++;
        }

        var matched = false;
        var first = true;
        while (i < pattern.Length && (first || pattern[i] != ']'))
        {
            first = false;
            var low = pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            var high = low;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                i += 2;
                high = pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            }

            matched |= c >= low && c <= high;
            i++;
        }

        if (i >= pattern.Length)
        {
            return false;
        }

        p = i;
        return matched != negated;
    }
}
