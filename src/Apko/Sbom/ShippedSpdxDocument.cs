namespace Apko.Sbom;

/// <summary>The parts of a package's own SPDX document that the image SBOM takes over.</summary>
internal sealed class ShippedSpdxDocument
{
    /// <summary>The document's identifier, usually <c>SPDXRef-DOCUMENT</c>.</summary>
    public string DocumentId { get; set; } = SpdxDocument.DocumentId;

    /// <summary>The <c>documentDescribes</c> identifiers.</summary>
    public List<string> DocumentDescribes { get; } = [];

    /// <summary>The packages, in document order.</summary>
    public List<SpdxPackage> Packages { get; } = [];

    /// <summary>The relationships, in document order.</summary>
    public List<SpdxRelationship> Relationships { get; } = [];

    /// <summary>The licences not on the SPDX list.</summary>
    public List<SpdxLicensingInfo> LicensingInfos { get; } = [];

    /// <summary>The location of each relationship, such as <c>$.relationships[3]</c>, for error messages.</summary>
    public List<string> RelationshipLocations { get; } = [];

    /// <summary>
    /// The first invalid value of each package, by SPDX identifier. Copying such a package fails with this error.
    /// Packages that the image SBOM does not copy may contain values SPDX 2.3 does not allow, as melange's
    /// operating system entry does (<c>OPERATING-SYSTEM</c>).
    /// </summary>
    public Dictionary<string, ApkoException> PackageProblems { get; } = new(StringComparer.Ordinal);

    /// <summary>Identifiers of the document's files, which the image SBOM leaves out.</summary>
    public HashSet<string> FileIds { get; } = new(StringComparer.Ordinal);
}
