namespace Apko.Apk.Repositories;

/// <summary>
/// Messages of the errors raised while fetching repositories, one method per message. URLs passed in here are
/// already redacted.
/// </summary>
internal static class RepositoryErrors
{
    public static ApkException InvalidHttpAuth(string reason) => new(
        "APKO2050",
        $"HTTP_AUTH is invalid: {reason}. Write it as 'basic:HOST:USER:PASSWORD'.");

    public static ApkException InvalidLocation(string location, string reason) => new(
        "APKO2051",
        $"Repository location '{UrlRedactor.Redact(location)}' cannot be used: {reason}. "
        + "Use an absolute directory, a file:// URL or an http(s) URL.");

    public static ApkException InvalidPathSegment(string what, string value) => new(
        "APKO2052",
        $"The {what} '{value}' is not a plain file name (it is empty, '.' or '..', or contains a slash "
        + "or a control character).");

    public static ApkException InvalidChecksum(string fileName, string checksum) => new(
        "APKO2053",
        $"The checksum '{checksum}' given for '{fileName}' is not 'Q1' followed by a base64 SHA-1. "
        + "Pass the index's C: value or null.");

    public static ApkException LocalIndexMissing(string location, string path) => new(
        "APKO2054",
        $"The index '{path}' of repository '{location}' does not exist. Check that the repository directory "
        + "is right and contains a directory for this architecture with an APKINDEX.tar.gz.");

    public static ApkException LocalFileMissing(string what, string path, Exception? inner = null) => new(
        "APKO2055",
        $"The {what} '{path}' does not exist or cannot be read. Check the path in the configuration.",
        inner);
}
