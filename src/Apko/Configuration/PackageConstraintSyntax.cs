namespace Apko.Configuration;

/// <summary>
/// Checks the syntax of a world entry: <c>NAME[OP VERSION][@TAG]</c> (apko's form) or <c>NAME@TAG[OP VERSION]</c>
/// (apk-tools' form), with the operators <c>= &lt; &gt; &lt;= &gt;= ~ =~ ~=</c>. It does not judge whether the
/// version is a valid apk version or whether the package exists; resolution does that.
/// </summary>
internal static class PackageConstraintSyntax
{
    private static readonly string[] s_operators = ["=", "<", ">", "<=", ">=", "~", "=~", "~="];

    /// <summary>Checks one constraint; on failure <paramref name="reason"/> describes what is wrong.</summary>
    public static bool TryValidate(string constraint, out string reason)
    {
        var position = 0;
        if (!TryReadName(constraint, ref position, out reason))
        {
            return false;
        }

        var hasTag = false;
        if (position < constraint.Length && constraint[position] == '@')
        {
            hasTag = true;
            if (!TryReadTag(constraint, ref position, out reason))
            {
                return false;
            }
        }

        if (position < constraint.Length && IsOperatorChar(constraint[position])
            && !TryReadVersion(constraint, ref position, out reason))
        {
            return false;
        }

        if (!hasTag && position < constraint.Length && constraint[position] == '@'
            && !TryReadTag(constraint, ref position, out reason))
        {
            return false;
        }

        reason = position < constraint.Length ? $"unexpected '{constraint[position..]}' at the end" : "";
        return position == constraint.Length;
    }

    private static bool TryReadName(string text, ref int position, out string reason)
    {
        if (text.StartsWith('!'))
        {
            reason = "conflicts ('!NAME') are not allowed in the world";
            return false;
        }

        while (position < text.Length && !IsOperatorChar(text[position]) && text[position] != '@')
        {
            if (char.IsWhiteSpace(text[position]) || char.IsControl(text[position]))
            {
                reason = "the name contains white space; give one package per entry";
                return false;
            }

            position++;
        }

        reason = position == 0 ? "the package name is missing" : "";
        return position > 0;
    }

    private static bool TryReadTag(string text, ref int position, out string reason)
    {
        var start = ++position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '-'))
        {
            position++;
        }

        var ends = position == text.Length || IsOperatorChar(text[position]) || text[position] == '@';
        reason = position == start ? "the repository tag after '@' is missing"
            : !ends ? "a repository tag may contain only letters, digits, '_' and '-'" : "";
        return position > start && ends;
    }

    private static bool TryReadVersion(string text, ref int position, out string reason)
    {
        var start = position;
        while (position < text.Length && IsOperatorChar(text[position]))
        {
            position++;
        }

        var op = text[start..position];
        if (!s_operators.Contains(op))
        {
            reason = $"'{op}' is not a version operator";
            return false;
        }

        var versionStart = position;
        while (position < text.Length && text[position] != '@')
        {
            if (!IsVersionChar(text[position]))
            {
                reason = $"the version '{text[versionStart..]}' contains '{text[position]}'";
                return false;
            }

            position++;
        }

        reason = position == versionStart ? $"the version after '{op}' is missing" : "";
        return position > versionStart;
    }

    private static bool IsOperatorChar(char c) => c is '=' or '<' or '>' or '~';

    private static bool IsVersionChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+';
}
