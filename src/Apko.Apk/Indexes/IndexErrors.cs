namespace Apko.Apk.Indexes;

/// <summary>
/// Messages of APKINDEX failures. Line errors keep the codes of <see cref="ApkIndexTextReader"/>
/// (<c>APKO2010</c>–<c>APKO2012</c>); file-level errors use <c>APKO2110</c>–<c>APKO2129</c>.
/// </summary>
internal static class IndexErrors
{
    private const string FetchAgain = "The index is corrupt; fetch it again.";

    public static ApkException NotAField(string source, int line, string text) => new(
        "APKO2010",
        $"{source}:{line}: '{Truncate(text)}' is not an index field. Each line must be 'X:value'. {FetchAgain}");

    public static ApkException MissingNameOrVersion(string source, int line) => new(
        "APKO2011",
        $"{source}:{line}: the package record starting here has no 'P:' name or 'V:' version. {FetchAgain}");

    public static ApkException InvalidNumber(string source, int line, char field, string value) => new(
        "APKO2012",
        $"{source}:{line}: field '{field}:' has '{Truncate(value)}', which is not a non-negative number. "
        + FetchAgain);

    public static ApkException LineTooLong(string source, int line, int maxLength) => new(
        "APKO2110",
        $"{source}:{line}: the line is longer than {maxLength} bytes. {FetchAgain}");

    public static ApkException UnexpectedEntry(string source, string entry) => new(
        "APKO2111",
        $"{source}: unexpected tar entry '{Truncate(entry)}'. An index contains only DESCRIPTION and APKINDEX. "
        + FetchAgain);

    public static ApkException MissingApkIndex(string source) => new(
        "APKO2112",
        $"{source}: the archive has no APKINDEX entry. {FetchAgain}");

    public static ApkException TooLarge(string source, long maxSize) => new(
        "APKO2113",
        $"{source}: the index decompresses to more than {maxSize} bytes. Raise the limit with "
        + "--max-apkindex-decompressed-size only if the repository is trusted.");

    public static ApkException Corrupt(string source, Exception inner) => new(
        "APKO2114",
        $"{source}: the index archive is not valid gzip and tar data ({inner.Message}). {FetchAgain}",
        inner);

    public static ApkException SignatureMemberMixed(string source, string entry) => new(
        "APKO2115",
        $"{source}: the signature gzip member also contains '{Truncate(entry)}', but signed content must start its own "
        + $"gzip member. {FetchAgain}");

    public static ApkException PlainTextNotVerifiable(string source) => new(
        "APKO2116",
        $"{source}: a plain-text APKINDEX has no signature to verify. Serve the signed "
        + "APKINDEX.tar.gz, or pass --ignore-signatures if the repository is trusted.");

    public static ApkException Empty(string source) => new(
        "APKO2118",
        $"{source}: the index file is empty. The download was cut short or the repository is broken; "
        + "fetch it again or check the repository.");

    public static ApkException NotAnIndex(string source, ReadOnlySpan<byte> start) => new(
        "APKO2119",
        $"{source}: the file is neither a gzip APKINDEX.tar.gz nor APKINDEX text (it starts with bytes "
        + $"{Convert.ToHexString(start)}). {FetchAgain}");

    public static ApkException Unreadable(string source, Exception inner) => new(
        "APKO2117",
        $"Cannot read index '{source}': {inner.Message}",
        inner);

    /// <summary>Shortens a value for a message and shows control characters as \uXXXX, so binary data stays
    /// readable on a terminal.</summary>
    private static string Truncate(string text)
    {
        var shortened = text.Length <= 60 ? text : text[..60] + "…";
        if (!shortened.Any(char.IsControl))
        {
            return shortened;
        }

        var escaped = new System.Text.StringBuilder(shortened.Length);
        foreach (var character in shortened)
        {
            escaped.Append(char.IsControl(character) ? $"\\u{(int)character:X4}" : character);
        }

        return escaped.ToString();
    }
}
