namespace Apko.Sbom;

/// <summary>An SPDX 2.3 document as apko writes it: packages and relationships, no files.</summary>
internal sealed class SpdxDocument
{
    /// <summary>The document's own identifier.</summary>
    public const string DocumentId = "SPDXRef-DOCUMENT";

    /// <summary>Document name, such as <c>sbom-sha256:…</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Creation time, RFC 3339 in UTC.</summary>
    public required string Created { get; init; }

    /// <summary>Creators, such as <c>Tool: apko (1.0.0)</c>.</summary>
    public required IReadOnlyList<string> Creators { get; init; }

    /// <summary>Identifiers of the elements the document describes.</summary>
    public List<string> DocumentDescribes { get; } = [];

    /// <summary>The packages, each SPDX identifier once.</summary>
    public List<SpdxPackage> Packages { get; } = [];

    /// <summary>The relationships, each once.</summary>
    public List<SpdxRelationship> Relationships { get; } = [];

    /// <summary>Licences not on the SPDX list, each identifier once.</summary>
    public List<SpdxLicensingInfo> LicensingInfos { get; } = [];

    /// <summary>Returns the package with an identifier, or null.</summary>
    public SpdxPackage? Find(string spdxId) => Packages.Find(p => p.SpdxId == spdxId);

    /// <summary>Adds a relationship unless an equal one is present.</summary>
    public void Relate(string element, string type, string related)
    {
        var relationship = new SpdxRelationship(element, type, related);
        if (!Relationships.Contains(relationship))
        {
            Relationships.Add(relationship);
        }
    }
}
