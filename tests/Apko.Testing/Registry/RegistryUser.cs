namespace Apko.Testing.Registry;

/// <summary>A user name and password that a test registry accepts with Basic authentication.</summary>
public sealed record RegistryUser(string Username, string Password)
{
    /// <summary>Returns the user name only, so that assertion messages never show the password.</summary>
    public override string ToString() => $"RegistryUser {{ Username = {Username} }}";
}
