using System.Text;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>Builds the URLs of the OCI distribution API for a registry, and redacts URLs for messages.</summary>
internal static class RegistryEndpoint
{
    private static readonly HashSet<string> s_visibleQueryNames =
        new(["digest", "mount", "from", "service", "scope", "artifactType", "n", "last"], StringComparer.Ordinal);

    public static Uri BaseUri(string registry, IReadOnlyCollection<string> plainHttpRegistries)
    {
        // Docker Hub's API is served from registry-1.docker.io, not from the docker.io name in references.
        var host = registry == ImageReference.DockerHub ? "registry-1.docker.io" : registry;
        var scheme = IsLoopback(registry) || plainHttpRegistries.Contains(registry) ? "http" : "https";
        return new Uri($"{scheme}://{host}/");
    }

    public static Uri Blob(Uri baseUri, string name, Digest digest) => new(baseUri, $"v2/{name}/blobs/{digest}");

    public static Uri BlobUploads(Uri baseUri, string name) => new(baseUri, $"v2/{name}/blobs/uploads/");

    public static Uri Mount(Uri baseUri, string name, Digest digest, string from) =>
        new(baseUri, $"v2/{name}/blobs/uploads/?mount={digest}&from={Uri.EscapeDataString(from)}");

    public static Uri Manifest(Uri baseUri, string name, string reference) =>
        new(baseUri, $"v2/{name}/manifests/{reference}");

    public static Uri Referrers(Uri baseUri, string name, Digest subject, string? artifactType) =>
        new(baseUri, $"v2/{name}/referrers/{subject}" +
            (artifactType is null ? "" : "?artifactType=" + Uri.EscapeDataString(artifactType)));

    /// <summary>Adds a query parameter to a URL that may already have a query, as upload locations do.</summary>
    public static Uri WithQuery(Uri uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        var query = builder.Query.TrimStart('?');
        var added = $"{name}={Uri.EscapeDataString(value)}";
        builder.Query = query.Length == 0 ? added : query + "&" + added;
        return builder.Uri;
    }

    /// <summary>
    /// Returns the URL without user info, and with the value of every query parameter replaced by <c>REDACTED</c>
    /// except digests, mount sources, token service and scope, and paging. Upload locations carry opaque state and
    /// redirects to storage carry signatures in their query.
    /// </summary>
    public static string Redact(Uri uri)
    {
        var text = new StringBuilder($"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}");
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return text.ToString();
        }

        var separator = '?';
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var visible = s_visibleQueryNames.Contains(Uri.UnescapeDataString(name));
            text.Append(separator).Append(name);
            if (equals >= 0)
            {
                text.Append('=').Append(visible ? pair[(equals + 1)..] : "REDACTED");
            }

            separator = '&';
        }

        return text.ToString();
    }

    private static bool IsLoopback(string registry) =>
        Uri.TryCreate("http://" + registry, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
