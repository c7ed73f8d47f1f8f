using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>The outcome of a manifest push.</summary>
/// <param name="Digest">Digest of the pushed bytes, as the registry confirmed it.</param>
/// <param name="SubjectProcessed">
/// True when the registry answered with an <c>OCI-Subject</c> header, so it lists the manifest in the referrers of
/// its subject by itself.
/// </param>
public sealed record ManifestPushResult(Digest Digest, bool SubjectProcessed);
