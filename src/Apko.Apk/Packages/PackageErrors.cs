namespace Apko.Apk.Packages;

/// <summary>
/// Messages of .apk and gzip member failures (codes <c>APKO2130</c>–<c>APKO2159</c>). A description names the file
/// and the part, such as <c>'/repo/x86_64/zlib-1.3.1-r0.apk' control member</c>.
/// </summary>
internal static class PackageErrors
{
    private const string FetchAgain = "The file is damaged or truncated; delete it and fetch it again.";

    public static ApkException NotGzip(string description, long offset) => new(
        "APKO2130",
        $"{description} at byte {offset} is not gzip data (wrong magic bytes or header flags). {FetchAgain}");

    public static ApkException GzipTruncated(string description, long offset) => new(
        "APKO2131",
        $"{description} at byte {offset} ends before its gzip data is complete. {FetchAgain}");

    public static ApkException GzipCorrupt(string description, long offset, Exception inner) => new(
        "APKO2132",
        $"{description} at byte {offset} has corrupt gzip data ({inner.Message}). {FetchAgain}",
        inner);

    public static ApkException GzipTrailerMismatch(string description, long offset) => new(
        "APKO2133",
        $"{description} at byte {offset}: the gzip trailer (CRC-32 and length) is missing or does not match the "
        + $"decompressed bytes. {FetchAgain}");

    public static ApkException MemberTooLarge(string description, long offset, long maxSize) => new(
        "APKO2134",
        $"{description} at byte {offset} decompresses to more than {maxSize} bytes, the limit for this part. "
        + "Raise it with --max-apk-control-size (control) or --max-apk-data-size (data) only if the file comes from a "
        + "trusted source.");

    public static ApkException TarCorrupt(string description, Exception inner) => new(
        "APKO2135",
        $"{description} is not a valid tar stream ({inner.Message}). {FetchAgain}",
        inner);

    public static ApkException MissingPkgInfo(string path) => new(
        "APKO2136",
        $"'{path}' has no .PKGINFO in its control member, so it is not an APK v2 package. "
        + "APK v3 (ADB) packages are not supported; rebuild it as a v2 package or fetch it again.");

    public static ApkException MissingData(string path) => new(
        "APKO2137",
        $"'{path}' ends after its control member and has no data member. {FetchAgain}");

    public static ApkException PkgInfoLine(string path, int line, string text) => new(
        "APKO2138",
        $"'{path}' .PKGINFO:{line}: '{Truncate(text)}' is not 'key = value'. {FetchAgain}");

    public static ApkException PkgInfoNumber(string path, int line, string key, string value) => new(
        "APKO2139",
        $"'{path}' .PKGINFO:{line}: '{key}' is '{Truncate(value)}', which is not a whole number. "
        + "Rebuild the package with a valid value.");

    public static ApkException PkgInfoMissingName(string path) => new(
        "APKO2140",
        $"'{path}' .PKGINFO has no 'pkgname' or no 'pkgver'. Rebuild the package with both set.");

    public static ApkException ChecksumMismatch(string path, string expected, string actual, string source) => new(
        "APKO2141",
        $"'{path}': the control member checksum is '{actual}' but {source} lists '{expected}'. The file was "
        + "changed or is another build of the package; delete it and fetch it again, or update the index.");

    public static ApkException DataHashMismatch(string path, string expected, string actual) => new(
        "APKO2142",
        $"'{path}': the SHA-256 of the data member is '{actual}' but .PKGINFO datahash is '{expected}'. "
        + FetchAgain);

    public static ApkException MissingDataHash(string path) => new(
        "APKO2143",
        $"'{path}' has no datahash in .PKGINFO, so its data member cannot be verified. "
        + "Rebuild the package with a current abuild or melange.");

    public static ApkException InvalidFileChecksum(string entry, string value) => new(
        "APKO2145",
        $"Tar entry '{entry}' has APK-TOOLS.checksum.SHA1 '{Truncate(value)}', which is neither 40 hex digits "
        + $"nor 'Q1' and base64 of 20 bytes. {FetchAgain}");

    public static ApkException DataTooLarge(string path, long maxSize) => new(
        "APKO2146",
        $"'{path}': the data member decompresses to more than {maxSize} bytes, the limit for package data. "
        + "Raise it with --max-apk-data-size only if the package comes from a trusted source.");

    public static ApkException Unreadable(string path, Exception inner) => new(
        "APKO2148",
        $"Cannot read package '{path}': {inner.Message}",
        inner);

    public static ApkException Unwritable(string path, Exception inner) => new(
        "APKO2150",
        $"Cannot write '{path}': {inner.Message} Check that the directory exists and is writable.",
        inner);

    public static ApkException ApkV3(string path) => new(
        "APKO2151",
        $"'{path}' is an APK v3 (ADB) package, which is not supported. Use a repository that serves APK v2 "
        + "packages (gzip members with .PKGINFO).");

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
