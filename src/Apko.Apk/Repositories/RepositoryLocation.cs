using System.Net.Http.Headers;
using System.Text;

namespace Apko.Apk.Repositories;

/// <summary>
/// A repository or key location split into what the fetcher needs: a local directory, or a remote base URL
/// without user information plus the credentials to send with it.
/// </summary>
internal sealed class RepositoryLocation
{
    private RepositoryLocation(string? localPath, Uri? remoteUri, AuthenticationHeaderValue? authorization)
    {
        LocalPath = localPath;
        RemoteUri = remoteUri;
        Authorization = authorization;
    }

    /// <summary>The absolute local path, or null for a remote location.</summary>
    public string? LocalPath { get; }

    /// <summary>The http(s) URL without user information, or null for a local location.</summary>
    public Uri? RemoteUri { get; }

    /// <summary>The Basic authorization header to send, or null.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>Parses a local path, a <c>file://</c> URL or an http(s) URL.</summary>
    /// <exception cref="ApkException">The location is relative, malformed or uses another scheme.</exception>
    public static RepositoryLocation Parse(string location, IReadOnlyList<HttpCredential> credentials)
    {
        var schemeEnd = location.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return ParseLocalPath(location);
        }

        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            throw RepositoryErrors.InvalidLocation(location, "it is not a valid URL");
        }

        if (uri.Scheme == Uri.UriSchemeFile)
        {
            return ParseFileUri(location, uri);
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw RepositoryErrors.InvalidLocation(location, $"the scheme '{uri.Scheme}' is not supported");
        }

        return ParseHttpUri(uri, credentials);
    }

    private static RepositoryLocation ParseLocalPath(string location)
    {
        if (!Path.IsPathFullyQualified(location))
        {
            throw RepositoryErrors.InvalidLocation(
                location,
                "it is a relative path; the caller must resolve it against the configuration file's directory");
        }

        return new RepositoryLocation(Path.TrimEndingDirectorySeparator(location), null, null);
    }

    private static RepositoryLocation ParseFileUri(string location, Uri uri)
    {
        if (!uri.IsLoopback && uri.Host.Length > 0)
        {
            throw RepositoryErrors.InvalidLocation(location, $"file URLs with a host ('{uri.Host}') are not supported");
        }

        return new RepositoryLocation(Path.TrimEndingDirectorySeparator(uri.LocalPath), null, null);
    }

    private static RepositoryLocation ParseHttpUri(Uri uri, IReadOnlyList<HttpCredential> credentials)
    {
        AuthenticationHeaderValue? authorization = null;
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':');
            var user = separator < 0 ? uri.UserInfo : uri.UserInfo[..separator];
            var password = separator < 0 ? "" : uri.UserInfo[(separator + 1)..];
            authorization = CreateBasic(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }
        else if (credentials.FirstOrDefault(c => c.Matches(uri)) is { } credential)
        {
            authorization = CreateBasic(credential.User, credential.Password);
        }

        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        builder.Path = builder.Path.TrimEnd('/');
        return new RepositoryLocation(null, builder.Uri, authorization);
    }

    /// <summary>Returns the URL of a file below this remote location, escaping each path segment.</summary>
    public Uri GetChildUri(params string[] segments)
    {
        var builder = new UriBuilder(RemoteUri!);
        var escaped = segments.Select(Uri.EscapeDataString);
        builder.Path = builder.Path.TrimEnd('/') + "/" + string.Join('/', escaped);
        return builder.Uri;
    }

    private static AuthenticationHeaderValue CreateBasic(string user, string password)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return new AuthenticationHeaderValue("Basic", token);
    }
}
