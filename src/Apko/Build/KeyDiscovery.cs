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
            .Where(location => location.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                               || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
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

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@+-]*$")]
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
        try
        {
            var configuration = await fetcher.TryGetDocumentAsync(discovery, "key discovery", cancellationToken)
                .ConfigureAwait(false);
            if (configuration is null || ReadJwksUri(configuration) is not { } jwksUri)
            {
                return [];
            }

            var jwks = await fetcher.TryGetDocumentAsync(new Uri(discovery, jwksUri), "JWKS", cancellationToken)
                .ConfigureAwait(false) ?? throw new ApkException("APKO1212", $"GET {jwksUri} returned 404 Not Found.");
            return ReadJwks(jwks, repository);
        }
        catch (Exception exception) when (exception is ApkException or JsonException or FormatException
                                              or CryptographicException or UriFormatException)
        {
            options.Logger?.LogWarning(
                "Key discovery through {Url} failed and was skipped: {Reason}",
                UrlRedactor.Redact(discovery.AbsoluteUri),
                exception.Message);
            return [];
        }
    }

    private static string? ReadJwksUri(byte[] configuration)
    {
        using var document = JsonDocument.Parse(configuration);
        return document.RootElement.ValueKind == JsonValueKind.Object
               && document.RootElement.TryGetProperty("jwks_uri", out var uri)
               && uri.ValueKind == JsonValueKind.String
               && uri.GetString() is { Length: > 0 } text
            ? text
            : null;
    }

    /// <summary>Converts the RSA keys of a JWKS to PEM key files; keys of other types or with unusable ids are skipped.
    /// </summary>
    private List<KeyFile> ReadJwks(byte[] jwks, string repository)
    {
        using var document = JsonDocument.Parse(jwks);
        var keys = new List<KeyFile>();
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var entries)
            || entries.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the JWKS has no 'keys' array.");
        }

        foreach (var entry in entries.EnumerateArray())
        {
            var id = StringProperty(entry, "kid");
            if (StringProperty(entry, "kty") != "RSA" || id is null || !SafeKeyId().IsMatch(id))
            {
                options.Logger?.LogWarning("Skipped JWKS key '{Id}' of {Repository}: not an RSA key with a usable id.",
                    id, UrlRedactor.Redact(repository));
                continue;
            }

            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = Base64Url.DecodeFromChars(StringProperty(entry, "n") ?? ""),
                Exponent = Base64Url.DecodeFromChars(StringProperty(entry, "e") ?? ""),
            });
            var pem = rsa.ExportSubjectPublicKeyInfoPem() + "\n";
            var fileName = id + ".rsa.pub";
            keys.Add(new KeyFile(fileName, Encoding.ASCII.GetBytes(pem), repository + "/" + fileName));
        }

        return keys;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                                                  && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
