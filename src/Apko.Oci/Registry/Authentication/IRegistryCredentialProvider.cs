namespace Apko.Oci.Registry.Authentication;

/// <summary>A source of credentials for registries.</summary>
public interface IRegistryCredentialProvider
{
    /// <summary>
    /// Returns the credentials for a registry host such as <c>ghcr.io</c>, or null for anonymous access.
    /// </summary>
    /// <exception cref="OciException">The credential source failed (APKO5007, APKO5008).</exception>
    ValueTask<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken);
}
