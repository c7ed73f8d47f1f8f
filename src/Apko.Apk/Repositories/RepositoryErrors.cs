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

    public static ApkException InvalidPathSegment(string kind, string value) => new(
        "APKO2052",
        $"The {kind} '{value}' is not a plain file name (it is empty, '.' or '..', or contains a slash "
        + "or a control character).");

    public static ApkException InvalidChecksum(string fileName, string checksum) => new(
        "APKO2053",
        $"The checksum '{checksum}' given for '{fileName}' is not 'Q1' followed by a base64 SHA-1. "
        + "Pass the index's C: value or null.");

    public static ApkException LocalIndexMissing(string location, string path) => new(
        "APKO2054",
        $"The index '{path}' of repository '{location}' does not exist. Check that the repository directory "
        + "is right and contains a directory for this architecture with an APKINDEX.tar.gz.");

    public static ApkException LocalFileMissing(string kind, string path, string hint, Exception? inner = null) => new(
        "APKO2055",
        $"The {kind} '{path}' does not exist or cannot be read. {hint}",
        inner);

    public static ApkException OfflineCacheMiss(string kind, string url, string cacheDirectory) => new(
        "APKO2056",
        $"The {kind} '{url}' is not in the cache '{cacheDirectory}', and --offline was given. "
        + "Run once without --offline to fill the cache, or use the same --cache-dir as that run.");

    public static ApkException Unauthorized(
        string url, int statusCode, string reason, string host, bool sentCredentials)
    {
        var hint = sentCredentials
            ? $"The credentials sent for '{host}' were rejected. Check the user and password in the repository URL "
                + $"or in HTTP_AUTH=basic:{host}:USER:PASSWORD."
            : $"No credentials were sent for '{host}'. Put them in the repository URL "
                + $"(https://USER:PASSWORD@{host}/...) "
                + $"or set HTTP_AUTH=basic:{host}:USER:PASSWORD.";
        return new ApkException("APKO2057", $"GET {url} returned {statusCode} {reason}. {hint}");
    }

    /// <summary>Code of <see cref="NotFound"/>.</summary>
    public const string NotFoundCode = "APKO2058";

    public static ApkException NotFound(string url, string hint) => new(
        NotFoundCode,
        $"GET {url} returned 404 Not Found. {hint}");

    public static ApkException RedirectNotFollowed(
        string url,
        int statusCode,
        string reason,
        Uri? location,
        Exception? inner = null) => new(
        "APKO2064",
        $"GET {url} returned {statusCode} {reason}, a redirect that was not followed: "
        + $"{RedirectProblem(location, inner)} Use the repository's final URL, or fix the server's redirects.",
        inner);

    private static string RedirectProblem(Uri? location, Exception? inner)
    {
        if (inner is not null)
        {
            return $"its location is not a valid http(s) URL ({inner.Message}).";
        }

        if (location is null)
        {
            return "it names no location.";
        }

        return $"it leads to '{UrlRedactor.Redact(location.OriginalString)}', which is not http(s) or redirects too "
            + "many times.";
    }

    public static ApkException HttpStatus(string url, int statusCode, string reason, int attempts) => new(
        "APKO2059",
        $"GET {url} returned {statusCode} {reason}{AfterAttempts(attempts)}. "
        + "Check that the server works, then try again.");

    public static ApkException TransferFailed(string url, int attempts, Exception inner) => new(
        "APKO2060",
        $"GET {url} failed{AfterAttempts(attempts)}: {DescribeTransferError(inner)}. "
        + "Check the network connection and that the server is reachable, then try again.",
        inner);

    public static ApkException ResponseTooLarge(string url, long maxSize) => new(
        "APKO2061",
        $"GET {url} returned more than {maxSize} bytes, the maximum HTTP response size. "
        + "Raise --max-http-response-size if the file is expected to be that large.");

    public static ApkException CacheWriteFailed(string cacheDirectory, Exception inner) => new(
        "APKO2062",
        $"Writing to the cache directory '{cacheDirectory}' failed: {inner.Message.TrimEnd('.')}. "
        + "Check its free space and permissions, or pass another --cache-dir.",
        inner);

    public static ApkException NotACacheDirectory(string directory) => new(
        "APKO2063",
        $"The directory '{directory}' is not empty and has no CACHEDIR.TAG, so it is not a cache this tool "
        + "created; it was not deleted. Check --cache-dir.");

    /// <summary>
    /// Returns the error's message, or its inner error's message when the outer one only points there (as
    /// HttpRequestException does for TLS failures).
    /// </summary>
    private static string DescribeTransferError(Exception error)
    {
        var message = error.Message;
        var pointsInward = message.Contains("inner exception", StringComparison.OrdinalIgnoreCase);
        if (pointsInward && error.InnerException is { } inner)
        {
            message = inner.Message;
        }

        return message.TrimEnd('.');
    }

    private static string AfterAttempts(int attempts) => attempts > 1 ? $" after {attempts} attempts" : "";
}
