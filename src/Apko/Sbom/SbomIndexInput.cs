using Apko.Oci.Model;

namespace Apko.Sbom;

/// <summary>What the build knows about the multi-architecture image index when it writes the index SBOMs.</summary>
internal sealed record SbomIndexInput
{
    /// <summary>Digest of the image index.</summary>
    public required Digest IndexDigest { get; init; }

    /// <summary>The per-architecture images, in the order the index lists them.</summary>
    public required IReadOnlyList<SbomIndexImage> Images { get; init; }

    /// <summary>The first image reference given to the build; null or empty when none.</summary>
    public string? ImageReference { get; init; }

    /// <summary>The build epoch, written as the document's creation time.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Source repository of the image configuration (<c>vcs-url</c>); optional.</summary>
    public string? VcsUrl { get; init; }

    /// <summary>Version of this tool, written into the document's creators.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>
    /// Supplier organisation of the index and its images. apko writes <c>Chainguard, Inc.</c> here whatever the
    /// image contains; null writes <c>NOASSERTION</c>.
    /// </summary>
    public string? SupplierName { get; init; } = "Chainguard, Inc.";
}
