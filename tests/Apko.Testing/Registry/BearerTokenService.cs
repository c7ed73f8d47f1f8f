using System.Collections.Concurrent;
using System.Text;

namespace Apko.Testing.Registry;

/// <summary>
/// A scripted Docker token service for a <see cref="RegistryProxy"/>: <c>/v2/</c> requests without the bearer
/// token get a 401 Bearer challenge whose realm is the proxy's <c>/token</c>; <c>/token</c> checks the Basic
/// credentials and returns the token. The token requests' query strings are recorded.
/// </summary>
public sealed class BearerTokenService
{
    private readonly RegistryUser _user;
    private readonly string _token;
    private readonly ConcurrentQueue<string> _tokenRequests = new();

    /// <summary>Creates a service that accepts <paramref name="user"/> and issues <paramref name="token"/>.</summary>
    public BearerTokenService(RegistryUser user, string token)
    {
        _user = user;
        _token = token;
    }

    /// <summary>The service name sent in challenges.</summary>
    public string Service => "apko-test-registry";

    /// <summary>The query strings of the token requests received so far.</summary>
    public IReadOnlyList<string> TokenRequests => [.. _tokenRequests];

    /// <summary>The rule to pass to <see cref="RegistryProxy.Start"/>; it needs the proxy host for the realm.</summary>
    public ProxyRule Rule(Func<string> proxyHost) => exchange => HandleAsync(exchange, proxyHost());

    private async Task<bool> HandleAsync(ProxyExchange exchange, string proxyHost)
    {
        if (exchange.Path == "/token")
        {
            await IssueTokenAsync(exchange);
            return true;
        }

        if (exchange.Header("Authorization") == $"Bearer {_token}")
        {
            return false;
        }

        var name = RepositoryName(exchange.Path);
        var scope = name is null ? "" : $",scope=\"repository:{name}:pull,push\"";
        var challenge = $"Bearer realm=\"http://{proxyHost}/token\",service=\"{Service}\"{scope}";
        await exchange.RespondErrorAsync(401, "UNAUTHORIZED", "authentication required",
            new Dictionary<string, string> { ["WWW-Authenticate"] = challenge });
        return true;
    }

    private async Task IssueTokenAsync(ProxyExchange exchange)
    {
        _tokenRequests.Enqueue(Uri.UnescapeDataString(exchange.Query));
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user.Username}:{_user.Password}"));
        if (exchange.Header("Authorization") != $"Basic {expected}")
        {
            await exchange.RespondErrorAsync(401, "UNAUTHORIZED", "invalid user name or password");
            return;
        }

        await exchange.RespondAsync(200, $$"""{"token":"{{_token}}","expires_in":300}""",
            new Dictionary<string, string> { ["Content-Type"] = "application/json" });
    }

    private static string? RepositoryName(string path)
    {
        foreach (var marker in (string[])["/blobs/", "/manifests/", "/tags/", "/referrers/"])
        {
            var index = path.IndexOf(marker, StringComparison.Ordinal);
            if (path.StartsWith("/v2/", StringComparison.Ordinal) && index > 4)
            {
                return path[4..index];
            }
        }

        return null;
    }
}
