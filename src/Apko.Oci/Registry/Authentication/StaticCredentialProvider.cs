namespace Apko.Oci.Registry.Authentication;

/// <summary>Credentials given in code, keyed by registry host; other registries are accessed anonymously.</summary>
public sealed class StaticCredentialProvider : IRegistryCredentialProvider
{
    private readonly Dictionary<string, RegistryCredential> _credentials;

    /// <summary>Creates a provider from registry host to credentials.</summary>
    public StaticCredentialProvider(IReadOnlyDictionary<string, RegistryCredential> credentials)
    {
        _credentials = new Dictionary<string, RegistryCredential>(credentials, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public ValueTask<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_credentials.GetValueOrDefault(registry));
}
