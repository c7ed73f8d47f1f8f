namespace Apko.Sbom;

/// <summary>Checks the syntax of SPDX licence expressions (SPDX 2.3 annex D).</summary>
internal static class LicenseExpression
{
    /// <summary>
    /// Returns whether text is a licence expression such as <c>MIT</c>, <c>GPL-2.0-or-later WITH
    /// Classpath-exception-2.0</c> or <c>(MIT OR Apache-2.0) AND LicenseRef-foo</c>. Identifiers are not looked up
    /// in the licence list. Operators must be upper case, as the specification requires.
    /// </summary>
    public static bool IsValid(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        return tokens.Count > 0 && ParseOr(tokens, ref position) && position == tokens.Count;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length || char.IsWhiteSpace(text[i]) || text[i] is '(' or ')';
            if (!end)
            {
                continue;
            }

            if (i > current)
            {
                tokens.Add(text[current..i]);
            }

            if (i < text.Length && text[i] is '(' or ')')
            {
                tokens.Add(text[i].ToString());
            }

            current = i + 1;
        }

        return tokens;
    }

    private static bool ParseOr(List<string> tokens, ref int position)
    {
        if (!ParseTerm(tokens, ref position))
        {
            return false;
        }

        while (position < tokens.Count && tokens[position] is "AND" or "OR")
        {
            position++;
            if (!ParseTerm(tokens, ref position))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParseTerm(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            return false;
        }

        if (tokens[position] == "(")
        {
            position++;
            if (!ParseOr(tokens, ref position) || position >= tokens.Count || tokens[position] != ")")
            {
                return false;
            }

            position++;
            return true;
        }

        if (!IsLicenseId(tokens[position++]))
        {
            return false;
        }

        if (position < tokens.Count && tokens[position] == "WITH")
        {
            position++;
            return position < tokens.Count && IsIdString(tokens[position++]);
        }

        return true;
    }

    private static bool IsLicenseId(string token)
    {
        if (token is "AND" or "OR" or "WITH")
        {
            return false;
        }

        var colon = token.IndexOf(':');
        if (colon >= 0)
        {
            return token.StartsWith("DocumentRef-", StringComparison.Ordinal)
                && IsIdString(token[..colon])
                && token[(colon + 1)..].StartsWith("LicenseRef-", StringComparison.Ordinal)
                && IsIdString(token[(colon + 1)..]);
        }

        return IsIdString(token.EndsWith('+') ? token[..^1] : token);
    }

    private static bool IsIdString(string token) =>
        token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
}
