using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>A file to attach to a manifest as an OCI artifact, such as an SBOM of an image.</summary>
public sealed record ReferrerArtifact
{
    /// <summary>The file whose bytes become the artifact's only layer.</summary>
    public required string FilePath { get; init; }

    /// <summary>
    /// Media type of the file, also used as the manifest's <c>artifactType</c>, such as <c>application/spdx+json</c>.
    /// </summary>
    public required string ArtifactType { get; init; }

    /// <summary>Descriptor of the manifest or index the artifact refers to as its <c>subject</c>.</summary>
    public required Descriptor Subject { get; init; }

    /// <summary>Annotations of the artifact manifest, serialized in ordinal key order; null for none.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
