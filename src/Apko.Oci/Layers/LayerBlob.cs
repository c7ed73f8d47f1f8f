using Apko.Oci.Model;

namespace Apko.Oci.Layers;

/// <summary>A gzip-compressed layer written to a file.</summary>
/// <param name="Descriptor">Media type, digest and size of the compressed bytes.</param>
/// <param name="DiffId">SHA-256 digest of the uncompressed tar, as listed in the image config's
/// <c>rootfs.diff_ids</c>.</param>
/// <param name="Path">Full path of the file that contains the compressed bytes.</param>
public sealed record LayerBlob(Descriptor Descriptor, Digest DiffId, string Path);
