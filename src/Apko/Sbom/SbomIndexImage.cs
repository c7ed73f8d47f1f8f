using Apko.Oci.Model;

namespace Apko.Sbom;

/// <summary>One per-architecture image of an index.</summary>
/// <param name="ManifestDigest">Digest of the image manifest.</param>
/// <param name="Platform">The image's platform, as the index declares it.</param>
internal sealed record SbomIndexImage(Digest ManifestDigest, Platform Platform);
