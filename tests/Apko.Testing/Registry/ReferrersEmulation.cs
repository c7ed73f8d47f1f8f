using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Apko.Testing.Registry;

/// <summary>
/// Adds the OCI 1.1 referrers API to a registry that lacks it (distribution 2.8), as a <see cref="RegistryProxy"/>
/// rule: a manifest PUT with a <c>subject</c> is forwarded and recorded, and its response gets an <c>OCI-Subject</c>
/// header, and <c>GET /v2/NAME/referrers/DIGEST</c> returns the recorded descriptors as an image index.
/// </summary>
public sealed class ReferrersEmulation
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _referrers = new(StringComparer.Ordinal);

    private int _referrersRequests;

    /// <summary>The number of referrers API requests handled so far.</summary>
    public int ReferrersRequests => _referrersRequests;

    /// <summary>The rule to pass to <see cref="RegistryProxy.Start"/>.</summary>
    public ProxyRule Rule => HandleAsync;

    private async Task<bool> HandleAsync(ProxyExchange exchange)
    {
        var referrers = exchange.Path.IndexOf("/referrers/", StringComparison.Ordinal);
        if (exchange.Method == "GET" && referrers > 4)
        {
            Interlocked.Increment(ref _referrersRequests);
            await ListAsync(exchange, exchange.Path[4..referrers], exchange.Path[(referrers + 11)..]);
            return true;
        }

        var manifests = exchange.Path.IndexOf("/manifests/", StringComparison.Ordinal);
        if (exchange.Method != "PUT" || manifests <= 4 || ReadSubject(exchange.Body) is not { } subject)
        {
            return false;
        }

        using var response = await exchange.ForwardAsync();
        if (!response.IsSuccessStatusCode)
        {
            await exchange.RespondAsync(response);
            return true;
        }

        var key = exchange.Path[4..manifests] + "@" + subject;
        _referrers.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(Describe(exchange));
        await exchange.RespondAsync(response, headers => headers["OCI-Subject"] = subject);
        return true;
    }

    private Task ListAsync(ProxyExchange exchange, string name, string subject)
    {
        var entries = _referrers.TryGetValue(name + "@" + subject, out var queue) ? queue.ToArray() : [];
        var body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
            string.Join(",", entries) + "]}";
        return exchange.RespondAsync(200, body,
            new Dictionary<string, string> { ["Content-Type"] = "application/vnd.oci.image.index.v1+json" });
    }

    private static string? ReadSubject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("subject", out var subject) &&
                subject.TryGetProperty("digest", out var digest)
                    ? digest.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(ProxyExchange exchange)
    {
        using var document = JsonDocument.Parse(exchange.Body);
        var root = document.RootElement;
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(exchange.Body));
        var descriptor = new StringBuilder();
        descriptor.Append($"{{\"mediaType\":\"{root.GetProperty("mediaType").GetString()}\"");
        descriptor.Append($",\"digest\":\"{digest}\",\"size\":{exchange.Body.Length}");
        if (root.TryGetProperty("artifactType", out var artifactType))
        {
            descriptor.Append($",\"artifactType\":\"{artifactType.GetString()}\"");
        }

        if (root.TryGetProperty("annotations", out var annotations))
        {
            descriptor.Append(",\"annotations\":").Append(annotations.GetRawText());
        }

        return descriptor.Append('}').ToString();
    }
}
