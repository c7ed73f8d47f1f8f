using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>A manifest or index as a registry returned it.</summary>
/// <param name="MediaType">Media type from the <c>Content-Type</c> header.</param>
/// <param name="Digest">Digest of <paramref name="Content"/>.</param>
/// <param name="Content">The manifest bytes, unchanged.</param>
public sealed record RegistryManifest(string MediaType, Digest Digest, ReadOnlyMemory<byte> Content);
