using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Apko.Apk;
using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>
/// Finds the signing keys of the repositories when the configuration gives no keyring, in two ways. An Alpine
/// mirror (a URL ending in <c>/alpine/VERSION/REPOSITORY</c>) gets the keys that Alpine's releases file lists for
/// that release and architecture, unless deprecated. Any http(s) repository may publish a JWKS through
/// <c>REPOSITORY/apk-configuration</c>, whose RSA keys are named <c>KID.rsa.pub</c>.
/// </summary>
/// <remarks>
/// A failure to read Alpine's releases file stops the build, except offline. A repository without
/// <c>apk-configuration</c> (404) has nothing to discover, and other failures there are logged and skipped.
/// </remarks>
internal sealed partial class KeyDiscovery(BuildOptions options, RepositoryFetcher fetcher)
{
    /// <summary>How long the optional discovery documents of one repository may take together.</summary>
    private static readonly TimeSpan DiscoveryDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Returns the discovered keys, without repeats, Alpine's first.</summary>
    /// <param name="repositories">Repository lines, with an optional <c>@tag</c> prefix.</param>
    /// <param name="architectures">apk architecture names, such as <c>x86_64</c>.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <exception cref="ApkoException">Alpine's releases file cannot be read and the build is not offline.</exception>
    public async Task<IReadOnlyList<KeyFile>> DiscoverAsync(
        IEnumerable<string> repositories,
        IReadOnlyList<string> architectures,
        CancellationToken cancellationToken)
    {
        var urls = repositories
            .Select(line => Repository.Parse(line).Location.TrimEnd('/'))
            .Where(PackageSource.IsRemote)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var keys = new List<KeyFile>();
        keys.AddRange(await DiscoverAlpineKeysAsync(urls, architectures, cancellationToken).ConfigureAwait(false));
        foreach (var url in urls)
        {
            keys.AddRange(await DiscoverJwksKeysAsync(url, cancellationToken).ConfigureAwait(false));
        }

        var unique = keys.DistinctBy(key => key.FileName, StringComparer.Ordinal).ToList();
        options.Logger?.LogInformation("Discovered {Count} signing keys: {Names}", unique.Count,
            string.Join(", ", unique.Select(key => key.FileName)));
        return unique;
    }

    [GeneratedRegex("^https?://.+/alpine/([^/]+)/[^/]+$", RegexOptions.IgnoreCase)]
    private static partial Regex AlpineRepository();

    /// <summary>A plain file name: no path separators, no leading dot, and short enough with ".rsa.pub".</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}$")]
    private static partial Regex SafeKeyId();

    private async Task<List<KeyFile>> DiscoverAlpineKeysAsync(
        List<string> urls,
        IReadOnlyList<string> architectures,
        CancellationToken cancellationToken)
    {
        var versions = urls.Select(url => AlpineRepository().Match(url)).Where(match => match.Success)
            .Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count == 0)
        {
            return [];
        }

        var keys = new List<KeyFile>();
        try
        {
            var releases = await fetcher.TryGetDocumentAsync(options.AlpineReleasesUrl, "Alpine releases", cancellationToken)
                .ConfigureAwait(false)
                ?? throw new ApkException("APKO1211", $"GET {options.AlpineReleasesUrl} returned 404 Not Found.");
            var now = options.Clock.GetUtcNow();
            foreach (var keyUrl in AlpineReleases.KeyUrls(releases, versions, architectures, now))
            {
                // The name comes from a downloaded file, so it must be one plain file name.
                var name = PackageSource.KeyFileName(keyUrl);
                if (!SafeKeyId().IsMatch(name))
                {
                    options.Logger?.LogWarning("Skipped Alpine key URL {Url}: its file name is not usable.", keyUrl);
                    continue;
                }

                var content = await fetcher.GetKeyAsync(keyUrl, cancellationToken).ConfigureAwait(false);
                keys.Add(new KeyFile(name, content, keyUrl));
            }
        }
        catch (Exception exception) when (exception is ApkException or JsonException or FormatException)
        {
            if (options.Offline)
            {
                options.Logger?.LogWarning("Offline, so Alpine's signing keys were not discovered: {Reason}", exception.Message);
                return keys;
            }

            throw new ApkoException(
                "APKO1210",
                $"The configuration has no keyring, and Alpine's signing keys for {string.Join(", ", versions)} could "
                + $"not be discovered from {options.AlpineReleasesUrl}: {exception.Message} Add the keys to "
                + "contents.keyring or pass them with -k.",
                exception);
        }

        return keys;
    }

    private async Task<List<KeyFile>> DiscoverJwksKeysAsync(string repository, CancellationToken cancellationToken)
    {
        var discovery = new Uri(repository + "/apk-configuration");
        var display = UrlRedactor.Redact(discovery.AbsoluteUri);

        // Discovery documents are optional, so a slow server gets a deadline for both of them together instead of
        // holding the build for minutes.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DiscoveryDeadline);
        try
        {
            var configuration = await fetcher.TryGetDocumentAsync(discovery, "key discovery", deadline.Token)
                .ConfigureAwait(false);
            if (configuration is null)
            {
                return [];
            }

            var jwksUri = ReadJwksUri(configuration, discovery);
            var jwks = await fetcher.TryGetDocumentAsync(jwksUri, "JWKS", deadline.Token).ConfigureAwait(false)
                ?? throw new FormatException($"the JWKS {UrlRedactor.Redact(jwksUri.AbsoluteUri)} was not found (404).");
            return ReadJwks(jwks, WithoutCredentials(repository));
        }
        catch (Exception exception) when (exception is ApkException or JsonException or FormatException
                                              or UriFormatException)
        {
            options.Logger?.LogWarning(
                "Key discovery through {Url} failed and was skipped: {Reason}", display, exception.Message);
            return [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            options.Logger?.LogWarning(
                "Key discovery through {Url} took longer than {Seconds} seconds and was skipped.",
                display,
                DiscoveryDeadline.TotalSeconds);
            return [];
        }
    }

    /// <summary>Returns the http(s) JWKS URL an <c>apk-configuration</c> names, relative to that document.</summary>
    /// <exception cref="FormatException">The document has no <c>jwks_uri</c> string, or it is not http(s).</exception>
    private static Uri ReadJwksUri(byte[] configuration, Uri discovery)
    {
        using var document = JsonDocument.Parse(configuration);
        if (StringProperty(document.RootElement, "jwks_uri") is not { Length: > 0 } text)
        {
            throw new FormatException("the document is not a JSON object with a 'jwks_uri' string.");
        }

        var uri = new Uri(discovery, text);
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"the jwks_uri '{UrlRedactor.Redact(text)}' is not an http or https URL.");
        }

        return uri;
    }

    /// <summary>
    /// Converts the usable RSA keys of a JWKS to PEM key files. A key of another type, with an unusable id, or with
    /// an invalid or implausible modulus or exponent is skipped with a warning. Of two keys with the same id, the
    /// first is kept.
    /// </summary>
    private List<KeyFile> ReadJwks(byte[] jwks, string repository)
    {
        using var document = JsonDocument.Parse(jwks);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var entries)
            || entries.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the JWKS has no 'keys' array.");
        }

        var keys = new List<KeyFile>();
        foreach (var entry in entries.EnumerateArray())
        {
            var id = StringProperty(entry, "kid");
            var problem = id is null || !SafeKeyId().IsMatch(id) ? "its kid is not a plain file name of at most 200 characters"
                : StringProperty(entry, "kty") != "RSA" ? "it is not an RSA key"
                : keys.Exists(key => key.FileName == id + ".rsa.pub") ? "an earlier key has the same kid"
                : null;
            var pem = problem is null ? TryExportPem(entry, out problem) : null;
            if (pem is null)
            {
                var shownId = id is { Length: > 60 } ? id[..60] + "…" : id;
                options.Logger?.LogWarning(
                    "Skipped a JWKS key of {Repository} with kid '{Id}': {Problem}.", repository, shownId, problem);
                continue;
            }

            var fileName = id + ".rsa.pub";
            keys.Add(new KeyFile(fileName, Encoding.ASCII.GetBytes(pem), repository + "/" + fileName));
        }

        return keys;
    }

    /// <summary>
    /// Returns the PEM of a JWKS RSA key, or null with the reason when its modulus is not 1,024 to 16,384 bits or
    /// its exponent is not 1 to 8 bytes of base64url.
    /// </summary>
    private static string? TryExportPem(JsonElement entry, out string? problem)
    {
        byte[] modulus;
        byte[] exponent;
        try
        {
            modulus = Base64Url.DecodeFromChars(StringProperty(entry, "n") ?? "");
            exponent = Base64Url.DecodeFromChars(StringProperty(entry, "e") ?? "");
        }
        catch (FormatException)
        {
            problem = "its n or e is not base64url";
            return null;
        }

        var bits = modulus.AsSpan().TrimStart((byte)0).Length * 8;
        if (bits is < 1024 or > 16384 || exponent.Length is < 1 or > 8)
        {
            problem = "its modulus must be 1,024 to 16,384 bits and its exponent 1 to 8 bytes";
            return null;
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            problem = null;
            return rsa.ExportSubjectPublicKeyInfoPem() + "\n";
        }
        catch (CryptographicException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    /// <summary>Returns a URL without its user information, for the key URLs a lock file records.</summary>
    private static string WithoutCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri.TrimEnd('/')
            : url;

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                                                  && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
