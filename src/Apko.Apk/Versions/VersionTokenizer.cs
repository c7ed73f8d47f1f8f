namespace Apko.Apk.Versions;

/// <summary>
/// Reads an APK version token by token with the grammar of apk-tools 2.14: a leading number, then dot-separated
/// numbers, at most one lowercase letter, any number of <c>_suffix</c> parts each with an optional number, and an
/// optional <c>-r</c> revision.
/// </summary>
internal ref struct VersionTokenizer
{
    /// <summary>
    /// Suffix names; the index is the rank, and ranks below <see cref="NoSuffixRank"/> are pre-releases.
    /// </summary>
    private static readonly string[] s_suffixes =
        ["", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];

    /// <summary>Rank of an empty suffix (<c>1.0_</c>), between pre-release and post-release suffixes.</summary>
    public const int NoSuffixRank = 5;

    private ReadOnlySpan<char> _rest;

    /// <summary>Starts reading and positions on the first token, which must be a number.</summary>
    public VersionTokenizer(ReadOnlySpan<char> version)
    {
        _rest = version;
        Value = TakeDigits();
        Kind = Value.IsEmpty ? VersionTokenKind.Invalid : VersionTokenKind.InitialDigit;
    }

    /// <summary>Kind of the current token.</summary>
    public VersionTokenKind Kind { get; private set; }

    /// <summary>Text of the current token: digits, the letter, or the suffix name.</summary>
    public ReadOnlySpan<char> Value { get; private set; }

    /// <summary>Rank of the current suffix token, an index into the suffix list.</summary>
    public int SuffixRank { get; private set; }

    /// <summary>Moves to the next token, setting <see cref="Kind"/> to End or Invalid when there is none.</summary>
    public void MoveNext()
    {
        if (_rest.IsEmpty)
        {
            Kind = VersionTokenKind.End;
            return;
        }

        var c = _rest[0];
        Kind = c switch
        {
            >= 'a' and <= 'z' when Kind <= VersionTokenKind.Digit => ReadLetter(),
            '.' when Kind <= VersionTokenKind.Digit => ReadDottedNumber(),
            >= '0' and <= '9' when Kind == VersionTokenKind.Suffix => ReadSuffixNumber(),
            '_' when Kind <= VersionTokenKind.SuffixNumber => ReadSuffix(),
            '-' when Kind < VersionTokenKind.RevisionNumber && _rest.StartsWith("-r") => ReadRevision(),
            _ => VersionTokenKind.Invalid,
        };
    }

    private VersionTokenKind ReadLetter()
    {
        Value = _rest[..1];
        _rest = _rest[1..];
        return VersionTokenKind.Letter;
    }

    private VersionTokenKind ReadDottedNumber()
    {
        _rest = _rest[1..];
        Value = TakeDigits();
        return VersionTokenKind.Digit;
    }

    private VersionTokenKind ReadSuffixNumber()
    {
        Value = TakeDigits();
        return VersionTokenKind.SuffixNumber;
    }

    private VersionTokenKind ReadSuffix()
    {
        _rest = _rest[1..];
        var length = 0;
        while (length < _rest.Length && char.IsAsciiLetterLower(_rest[length]))
        {
            length++;
        }

        Value = _rest[..length];
        _rest = _rest[length..];
        SuffixRank = RankSuffix(Value);
        return SuffixRank < 0 ? VersionTokenKind.Invalid : VersionTokenKind.Suffix;
    }

    private VersionTokenKind ReadRevision()
    {
        _rest = _rest[2..];
        Value = TakeDigits();
        return VersionTokenKind.RevisionNumber;
    }

    private ReadOnlySpan<char> TakeDigits()
    {
        var length = 0;
        while (length < _rest.Length && char.IsAsciiDigit(_rest[length]))
        {
            length++;
        }

        var digits = _rest[..length];
        _rest = _rest[length..];
        return digits;
    }

    private static int RankSuffix(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return NoSuffixRank;
        }

        for (var rank = 1; rank < s_suffixes.Length; rank++)
        {
            if (rank != NoSuffixRank && name.SequenceEqual(s_suffixes[rank]))
            {
                return rank;
            }
        }

        return -1;
    }
}
