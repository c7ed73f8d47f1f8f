namespace Apko.Apk.Versions;

/// <summary>
/// Validation and ordering of APK versions such as <c>1.36.1-r15</c> or <c>0.1.0_alpha_pre2</c>, with the rules of
/// apk-tools 2.14: a number, dot-separated numbers, an optional letter, any number of <c>_suffix{number}</c> parts
/// and an optional <c>-r{number}</c> revision.
/// </summary>
public static class ApkVersion
{
    /// <summary>Returns whether apk-tools 2.14 accepts the text as a version.</summary>
    public static bool IsValid(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return IsValid(version.AsSpan());
    }

    /// <summary>
    /// Compares two versions: negative when <paramref name="a"/> is older, zero when equal, positive when newer.
    /// Invalid versions are compared token by token up to their first invalid part, as apk-tools does.
    /// </summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a, b, fuzzy: false) switch
        {
            VersionOperator.Less => -1,
            VersionOperator.Greater => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// Returns whether <paramref name="version"/> starts with the parts of <paramref name="prefix"/>, as the fuzzy
    /// operator <c>~</c> requires: <c>1.7.1-r1</c> matches <c>1.7</c> and <c>1.7.1</c>, not <c>1.7.1-r2</c>.
    /// </summary>
    public static bool IsFuzzyMatch(string version, string prefix)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(prefix);
        return Compare(version, prefix, fuzzy: true) == VersionOperator.Equal;
    }

    internal static bool IsValid(ReadOnlySpan<char> version)
    {
        var tokenizer = new VersionTokenizer(version);
        while (tokenizer.Kind < VersionTokenKind.End)
        {
            tokenizer.MoveNext();
        }

        return tokenizer.Kind == VersionTokenKind.End;
    }

    /// <summary>
    /// Compares two versions and returns <see cref="VersionOperator.Less"/>, <see cref="VersionOperator.Equal"/> or
    /// <see cref="VersionOperator.Greater"/>. With <paramref name="fuzzy"/>, <paramref name="a"/> is equal to any
    /// <paramref name="b"/> made of its leading parts.
    /// </summary>
    internal static VersionOperator Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool fuzzy)
    {
        var left = new VersionTokenizer(a);
        var right = new VersionTokenizer(b);
        while (left.Kind == right.Kind && left.Kind < VersionTokenKind.End)
        {
            var result = CompareTokens(ref left, ref right);
            if (result != VersionOperator.Equal)
            {
                return result;
            }

            left.MoveNext();
            right.MoveNext();
        }

        if (left.Kind == right.Kind || (fuzzy && right.Kind == VersionTokenKind.End))
        {
            return VersionOperator.Equal;
        }

        return CompareLengths(ref left, ref right);
    }

    /// <summary>
    /// Orders versions whose shared leading tokens are equal. The longer one is newer unless its next part is a
    /// pre-release suffix, and otherwise the version whose next token has the lower kind is newer.
    /// </summary>
    private static VersionOperator CompareLengths(ref VersionTokenizer left, ref VersionTokenizer right)
    {
        if (left.Kind == VersionTokenKind.Suffix && left.SuffixRank < VersionTokenizer.NoSuffixRank)
        {
            return VersionOperator.Less;
        }

        if (right.Kind == VersionTokenKind.Suffix && right.SuffixRank < VersionTokenizer.NoSuffixRank)
        {
            return VersionOperator.Greater;
        }

        return left.Kind > right.Kind ? VersionOperator.Less : VersionOperator.Greater;
    }

    private static VersionOperator CompareTokens(ref VersionTokenizer left, ref VersionTokenizer right)
    {
        switch (left.Kind)
        {
            case VersionTokenKind.Digit when StartsWithZero(left.Value) || StartsWithZero(right.Value):
                // A number after a dot with a leading zero is a decimal fraction, so it compares as text:
                // 1.06 < 1.1 and 8.2.0 < 8.2.001.
                return ToOperator(left.Value.SequenceCompareTo(right.Value));
            case VersionTokenKind.InitialDigit:
            case VersionTokenKind.Digit:
            case VersionTokenKind.SuffixNumber:
            case VersionTokenKind.RevisionNumber:
                return ToOperator(ParseNumber(left.Value).CompareTo(ParseNumber(right.Value)));
            case VersionTokenKind.Letter:
                return ToOperator(left.Value[0].CompareTo(right.Value[0]));
            default:
                return ToOperator(left.SuffixRank.CompareTo(right.SuffixRank));
        }
    }

    private static bool StartsWithZero(ReadOnlySpan<char> digits) => !digits.IsEmpty && digits[0] == '0';

    /// <summary>Reads digits as an unsigned number; like apk-tools, the value wraps beyond 64 bits.</summary>
    private static ulong ParseNumber(ReadOnlySpan<char> digits)
    {
        ulong value = 0;
        foreach (var digit in digits)
        {
            value = unchecked((value * 10) + (ulong)(digit - '0'));
        }

        return value;
    }

    private static VersionOperator ToOperator(int comparison) => comparison switch
    {
        < 0 => VersionOperator.Less,
        > 0 => VersionOperator.Greater,
        _ => VersionOperator.Equal,
    };
}
