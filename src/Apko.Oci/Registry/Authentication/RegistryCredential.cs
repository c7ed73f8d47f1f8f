namespace Apko.Oci.Registry.Authentication;

/// <summary>
/// Credentials for one registry: a user name and password, an identity token (OAuth2 refresh token) or a registry
/// token used as the bearer token as it is. <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed record RegistryCredential
{
    /// <summary>User name for basic authentication and token requests; null for tokens only.</summary>
    public string? Username { get; init; }

    /// <summary>Password for basic authentication and token requests; null for tokens only.</summary>
    public string? Password { get; init; }

    /// <summary>OAuth2 refresh token exchanged at the token service for an access token; null when none.</summary>
    public string? IdentityToken { get; init; }

    /// <summary>Bearer token sent to the registry as it is; null when none.</summary>
    public string? RegistryToken { get; init; }

    /// <summary>Creates user name and password credentials.</summary>
    public static RegistryCredential FromPassword(string username, string password) =>
        new() { Username = username, Password = password };

    /// <summary>Returns the user name and which kinds of secret are present, never a secret.</summary>
    public override string ToString()
    {
        var kinds = new List<string>();
        if (Password is not null)
        {
            kinds.Add("password");
        }

        if (IdentityToken is not null)
        {
            kinds.Add("identity token");
        }

        if (RegistryToken is not null)
        {
            kinds.Add("registry token");
        }

        return $"RegistryCredential {{ Username = {Username ?? "(none)"}, Secrets = {string.Join(", ", kinds)} }}";
    }
}
