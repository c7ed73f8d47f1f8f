using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Apko.Oci.Registry.Authentication;

/// <summary>
/// Authorizes registry requests: remembers each registry's challenge, responds to Basic challenges with the
/// credentials, and fetches and caches bearer tokens per scope with the Docker registry token protocol.
/// </summary>
internal sealed class RegistryAuthenticator
{
    private readonly HttpClient _httpClient;
    private readonly IRegistryCredentialProvider? _credentials;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, AuthenticationChallenge> _challenges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Lazy<Task<RegistryCredential?>>> _credentialLookups =
        new(StringComparer.Ordinal);

    public RegistryAuthenticator(HttpClient httpClient, IRegistryCredentialProvider? credentials, ILogger logger)
    {
        _httpClient = httpClient;
        _credentials = credentials;
        _logger = logger;
    }

    /// <summary>
    /// Returns the header for a registry whose challenge is already known; null before the first one.
    /// </summary>
    public async Task<AuthenticationHeaderValue?> GetAuthorizationAsync(
        string registry,
        IReadOnlyList<string> scopes,
        CancellationToken cancellationToken)
    {
        if (!_challenges.TryGetValue(registry, out var challenge))
        {
            return null;
        }

        if (challenge.IsBasic)
        {
            return BasicHeader(await GetCredentialAsync(registry, cancellationToken).ConfigureAwait(false));
        }

        var token = await GetTokenAsync(registry, challenge, scopes, scopes, null, cancellationToken)
            .ConfigureAwait(false);
        return new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// Responds to a 401 challenge. Returns the header to send the request again with, or null when no new
    /// credential can be offered.
    /// </summary>
    /// <exception cref="RegistryException">The challenge scheme is unsupported or the token request failed.</exception>
    public async Task<AuthenticationHeaderValue?> AcceptChallengeAsync(
        RegistryRequest request,
        AuthenticationChallenge challenge,
        AuthenticationHeaderValue? sent,
        CancellationToken cancellationToken)
    {
        var registry = request.Repository.Registry;
        if (!challenge.IsBasic && !challenge.IsBearer)
        {
            throw new RegistryException(
                RegistryErrors.UnsupportedChallengeCode,
                RegistryErrors.UnsupportedChallenge(request.Method.Method, RegistryEndpoint.Redact(request.Uri),
                    challenge.Scheme),
                new RegistryFailure(request.Method.Method, RegistryEndpoint.Redact(request.Uri),
                    System.Net.HttpStatusCode.Unauthorized));
        }

        _challenges[registry] = challenge;
        AuthenticationHeaderValue? header;
        if (challenge.IsBasic)
        {
            header = BasicHeader(await GetCredentialAsync(registry, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            var scopes = request.Scopes().Concat(challenge.Scope?.Split(' ') ?? []).Distinct().ToList();
            var rejected = sent?.Scheme == "Bearer" ? sent.Parameter : null;
            var token = await GetTokenAsync(registry, challenge, request.Scopes(), scopes, rejected, cancellationToken)
                .ConfigureAwait(false);
            header = new AuthenticationHeaderValue("Bearer", token);
        }

        return header is null || header.Equals(sent) ? null : header;
    }

    /// <summary>
    /// Returns the cached token for the request scopes unless the registry just rejected it, or fetches one. Fetches
    /// are serialized, so that requests started together after the first challenge share one token request.
    /// </summary>
    private async Task<string> GetTokenAsync(
        string registry,
        AuthenticationChallenge challenge,
        IReadOnlyList<string> requestScopes,
        IReadOnlyList<string> fetchScopes,
        string? rejected,
        CancellationToken cancellationToken)
    {
        var key = TokenKey(registry, requestScopes);
        if (_tokens.TryGetValue(key, out var cached) && cached != rejected)
        {
            return cached;
        }

        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tokens.TryGetValue(key, out cached) && cached != rejected)
            {
                return cached;
            }

            var token = await FetchTokenAsync(registry, challenge, fetchScopes, cancellationToken)
                .ConfigureAwait(false);
            _tokens[key] = token;
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task<string> FetchTokenAsync(
        string registry,
        AuthenticationChallenge challenge,
        IReadOnlyList<string> scopes,
        CancellationToken cancellationToken)
    {
        var credential = await GetCredentialAsync(registry, cancellationToken).ConfigureAwait(false);
        if (credential?.RegistryToken is { } registryToken)
        {
            return registryToken;
        }

        RegistryLog.RequestingToken(_logger, registry, string.Join(' ', scopes));
        using var request = CreateTokenRequest(challenge, scopes, credential, registry);
        using var response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var url = RegistryEndpoint.Redact(request.RequestUri!);
        RegistryLog.Response(_logger, request.Method.Method, url, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = RegistryErrorBody.Read(body);
            var failure = new RegistryFailure(request.Method.Method, url, response.StatusCode, code, message);
            throw new RegistryException(
                RegistryErrors.TokenRequestFailedCode, RegistryErrors.TokenRequestFailed(failure, registry), failure);
        }

        var token = ReadToken(body) ?? throw new RegistryException(
            RegistryErrors.TokenRequestFailedCode,
            RegistryErrors.TokenMissing(url, registry),
            new RegistryFailure(request.Method.Method, url, response.StatusCode));
        return token;
    }

    private static HttpRequestMessage CreateTokenRequest(
        AuthenticationChallenge challenge,
        IReadOnlyList<string> scopes,
        RegistryCredential? credential,
        string registry)
    {
        if (challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm))
        {
            throw new RegistryException(
                RegistryErrors.InvalidResponseCode,
                RegistryErrors.InvalidResponse("GET", registry, "the Bearer challenge has no absolute 'realm' URL"),
                new RegistryFailure("GET", registry, System.Net.HttpStatusCode.Unauthorized));
        }

        if (credential?.IdentityToken is { } refreshToken)
        {
            // OAuth2 refresh token grant of the Docker token protocol: a form POST to the realm.
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
                new("client_id", "apko"),
                new("scope", string.Join(' ', scopes)),
            };
            if (challenge.Service is not null)
            {
                form.Add(new("service", challenge.Service));
            }

            return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        }

        var uri = realm;
        if (challenge.Service is not null)
        {
            uri = RegistryEndpoint.WithQuery(uri, "service", challenge.Service);
        }

        foreach (var scope in scopes)
        {
            uri = RegistryEndpoint.WithQuery(uri, "scope", scope);
        }

        var message = new HttpRequestMessage(HttpMethod.Get, uri);
        message.Headers.Authorization = BasicHeader(credential);
        return message;
    }

    private static string? ReadToken(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in (string[])["token", "access_token"])
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty(name, out var value) &&
                    value.ValueKind == JsonValueKind.String &&
                    value.GetString() is { Length: > 0 } token)
                {
                    return token;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AuthenticationHeaderValue? BasicHeader(RegistryCredential? credential)
    {
        if (credential?.Username is null || credential.Password is null)
        {
            return null;
        }

        var pair = Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}");
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
    }

    private Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken)
    {
        if (_credentials is null)
        {
            return Task.FromResult<RegistryCredential?>(null);
        }

        // One lookup per registry: a credential helper is a process start, too slow to repeat per request.
        var lookup = _credentialLookups.GetOrAdd(
            registry,
            host => new Lazy<Task<RegistryCredential?>>(
                () => _credentials.GetCredentialAsync(host, cancellationToken).AsTask()));
        return lookup.Value;
    }

    private static string TokenKey(string registry, IReadOnlyList<string> scopes) =>
        registry + "\n" + string.Join(' ', scopes.Order(StringComparer.Ordinal));
}
