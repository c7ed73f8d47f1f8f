namespace Apko.Oci.Registry;

/// <summary>A repository in a registry, such as <c>ghcr.io/wolfi-dev/sdk</c>.</summary>
/// <param name="Registry">Registry host with an optional port, such as <c>docker.io</c> or
/// <c>127.0.0.1:5000</c>.</param>
/// <param name="Name">Repository name inside the registry, such as <c>library/alpine</c>.</param>
public sealed record RegistryRepository(string Registry, string Name)
{
    /// <summary>Returns <c>registry/name</c>.</summary>
    public override string ToString() => $"{Registry}/{Name}";
}
