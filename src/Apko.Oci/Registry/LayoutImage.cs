using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>The image of an OCI image layout directory, checked and ready to push.</summary>
/// <param name="Directory">The layout directory.</param>
/// <param name="Root">The image index (or single image manifest) that tags point to.</param>
/// <param name="Manifests">Every manifest and index once, children before parents, so the root is last.</param>
/// <param name="Blobs">Every config and layer blob once, in the order the manifests list them.</param>
internal sealed record LayoutImage(
    string Directory,
    LayoutManifest Root,
    IReadOnlyList<LayoutManifest> Manifests,
    IReadOnlyList<Descriptor> Blobs)
{
    public string BlobPath(Digest digest) => Path.Combine(Directory, "blobs", digest.Algorithm, digest.Encoded);
}
