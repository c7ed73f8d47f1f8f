namespace Apko.Apk.Repositories;

/// <summary>
/// A user name and password sent as HTTP Basic authentication to one host.
/// </summary>
/// <param name="Host">Host name as it appears in repository URLs, optionally with <c>:port</c>.</param>
/// <param name="User">User name.</param>
/// <param name="Password">Password or token. <see cref="ToString"/> never includes it.</param>
public sealed record HttpCredential(string Host, string User, string Password)
{
    /// <summary>
    /// Parses the value of the <c>HTTP_AUTH</c> environment variable, <c>basic:HOST:USER:PASSWORD</c>. The password
    /// is everything after the third colon, so it may contain colons.
    /// </summary>
    /// <exception cref="ApkException">
    /// The value does not have that form. The message never repeats the value.
    /// </exception>
    public static HttpCredential ParseHttpAuth(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':', 4);
        if (parts.Length != 4)
        {
            throw RepositoryErrors.InvalidHttpAuth($"it has {parts.Length} colon-separated fields instead of 4");
        }

        if (!string.Equals(parts[0], "basic", StringComparison.OrdinalIgnoreCase))
        {
            throw RepositoryErrors.InvalidHttpAuth("only the 'basic' scheme is supported");
        }

        if (parts[1].Length == 0)
        {
            throw RepositoryErrors.InvalidHttpAuth("the host is empty");
        }

        return new HttpCredential(parts[1], parts[2], parts[3]);
    }

    /// <summary>Returns whether this credential applies to a URL with the given host and port.</summary>
    internal bool Matches(Uri uri) =>
        string.Equals(Host, uri.Host, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Host, uri.Authority, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the host and user, with the password replaced by <c>***</c>.</summary>
    public override string ToString() => $"HttpCredential {{ Host = {Host}, User = {User}, Password = *** }}";
}
