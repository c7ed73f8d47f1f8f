using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>A manifest or index read from an OCI image layout, with its bytes unchanged.</summary>
/// <param name="Descriptor">Its descriptor, as its parent (or <c>index.json</c>) lists it.</param>
/// <param name="Content">Its bytes, whose digest matches the descriptor.</param>
/// <param name="Children">Manifests an index lists; empty for an image manifest.</param>
internal sealed record LayoutManifest(Descriptor Descriptor, byte[] Content, IReadOnlyList<LayoutManifest> Children);
