using Apko.Oci.Model;

namespace Apko.Sbom;

/// <summary>One image layer as the SBOM describes it.</summary>
/// <param name="Digest">Digest of the layer blob as stored (compressed).</param>
/// <param name="DiffId">Digest of the uncompressed layer tar; not written into the SBOMs yet, as in apko.</param>
/// <param name="MediaType">Layer media type, such as <c>application/vnd.oci.image.layer.v1.tar+gzip</c>.</param>
internal sealed record SbomLayer(Digest Digest, Digest DiffId, string MediaType);
