using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Apko.Oci.Registry.Authentication;

/// <summary>
/// The parts of a Docker config file that hold credentials: <c>auths</c> (base64 <c>auth</c> of
/// <c>user:password</c>, or <c>username</c>/<c>password</c>, <c>identitytoken</c>, <c>registrytoken</c>),
/// <c>credHelpers</c> (helper per registry) and <c>credsStore</c> (default helper).
/// </summary>
internal sealed class DockerConfigDocument
{
    /// <summary>The key under which Docker stores Docker Hub credentials, and the server URL its helpers get.</summary>
    public const string DockerHubServer = "https://index.docker.io/v1/";

    private DockerConfigDocument(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    /// <summary>The whole document, so that a rewrite keeps every key it does not change.</summary>
    public JsonObject Root { get; }

    /// <summary>Reads the file; an absent file reads as an empty document.</summary>
    /// <exception cref="OciException">The file is not a JSON object (APKO5008).</exception>
    public static async Task<DockerConfigDocument> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new DockerConfigDocument(path, []);
        }

        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(text) is JsonObject root
                ? new DockerConfigDocument(path, root)
                : throw Invalid(path, "it is not a JSON object");
        }
        catch (JsonException exception)
        {
            // The parser's message may quote the text at the error, which can be part of a secret, so the
            // exception is not kept as the inner one.
            throw Invalid(path, $"it is not valid JSON (line {exception.LineNumber + 1})");
        }
    }

    /// <summary>
    /// Returns the credential helper name for a registry: its <c>credHelpers</c> entry, else <c>credsStore</c>.
    /// </summary>
    public string? FindHelper(string registry)
    {
        if (Root["credHelpers"] is JsonObject helpers)
        {
            foreach (var (key, value) in helpers)
            {
                if (Matches(key, registry) && value is JsonValue name && name.TryGetValue(out string? helper))
                {
                    return helper;
                }
            }
        }

        return Root["credsStore"] is JsonValue store && store.TryGetValue(out string? defaultHelper) &&
            defaultHelper.Length > 0
            ? defaultHelper
            : null;
    }

    /// <summary>Returns the credentials of the <c>auths</c> entry for a registry, or null.</summary>
    /// <exception cref="OciException">
    /// The entry's <c>auth</c> is not base64 of <c>user:password</c> (APKO5008).
    /// </exception>
    public RegistryCredential? FindAuth(string registry)
    {
        if (Root["auths"] is not JsonObject auths)
        {
            return null;
        }

        foreach (var (key, value) in auths)
        {
            if (Matches(key, registry) && value is JsonObject entry && ReadEntry(key, entry) is { } credential)
            {
                return credential;
            }
        }

        return null;
    }

    /// <summary>Returns the key or helper server URL Docker uses for a registry.</summary>
    public static string ServerKey(string registry) =>
        registry == ImageReference.DockerHub ? DockerHubServer : registry;

    /// <summary>True when a config key, such as <c>https://host/v1/</c> or <c>host</c>, names the registry.</summary>
    public static bool Matches(string key, string registry)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        host = slash >= 0 ? host[..slash] : host;
        if (registry == ImageReference.DockerHub)
        {
            return host is "docker.io" or "index.docker.io" or "registry-1.docker.io";
        }

        return host.Equals(registry, StringComparison.OrdinalIgnoreCase);
    }

    private RegistryCredential? ReadEntry(string key, JsonObject entry)
    {
        var credential = new RegistryCredential
        {
            Username = ReadString(entry, "username"),
            Password = ReadString(entry, "password"),
            IdentityToken = ReadString(entry, "identitytoken"),
            RegistryToken = ReadString(entry, "registrytoken"),
        };
        if (ReadString(entry, "auth") is { Length: > 0 } auth)
        {
            var (username, password) = DecodeAuth(key, auth);
            credential = credential with { Username = username, Password = password };
        }

        var empty = credential.Username is null && credential.IdentityToken is null && credential.RegistryToken is null;
        return empty ? null : credential;
    }

    private (string Username, string Password) DecodeAuth(string key, string auth)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0
                ? (text[..colon], text[(colon + 1)..])
                : throw Invalid(Path, $"the 'auth' of '{key}' in 'auths' is not base64 of 'user:password'");
        }
        catch (FormatException exception)
        {
            throw Invalid(Path, $"the 'auth' of '{key}' in 'auths' is not valid base64", exception);
        }
    }

    private static string? ReadString(JsonObject entry, string name) =>
        entry[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;

    private static OciException Invalid(string path, string reason, Exception? inner = null) =>
        new(RegistryErrors.DockerConfigInvalidCode, RegistryErrors.DockerConfigInvalid(path, reason), inner);
}
