namespace Apko.Sbom;

/// <summary>An SPDX 2.3 document as apko writes it: packages and relationships, no files.</summary>
/// <remarks>
/// Packages, relationships and licences are indexed as they are added, so copying a large shipped SBOM takes
/// linear time.
/// </remarks>
internal sealed class SpdxDocument
{
    /// <summary>The document's own identifier.</summary>
    public const string DocumentId = "SPDXRef-DOCUMENT";

    private readonly List<SpdxPackage> _packages = [];
    private readonly Dictionary<string, SpdxPackage> _packagesById = new(StringComparer.Ordinal);
    private readonly List<SpdxRelationship> _relationships = [];
    private readonly HashSet<SpdxRelationship> _relationshipSet = [];
    private readonly List<SpdxLicensingInfo> _licensingInfos = [];
    private readonly HashSet<string> _licenseIds = new(StringComparer.Ordinal);

    /// <summary>Document name, such as <c>sbom-sha256:…</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Creation time, RFC 3339 in UTC.</summary>
    public required string Created { get; init; }

    /// <summary>Creators, such as <c>Tool: apko (1.0.0)</c>.</summary>
    public required IReadOnlyList<string> Creators { get; init; }

    /// <summary>Identifiers of the elements the document describes.</summary>
    public List<string> DocumentDescribes { get; } = [];

    /// <summary>The packages, each SPDX identifier once, in the order they were added.</summary>
    public IReadOnlyList<SpdxPackage> Packages => _packages;

    /// <summary>The relationships, each once, in the order they were added.</summary>
    public IReadOnlyList<SpdxRelationship> Relationships => _relationships;

    /// <summary>Licences not on the SPDX list, each identifier once.</summary>
    public IReadOnlyList<SpdxLicensingInfo> LicensingInfos => _licensingInfos;

    /// <summary>Returns the package with an identifier, or null.</summary>
    public SpdxPackage? Find(string spdxId) => _packagesById.GetValueOrDefault(spdxId);

    /// <summary>Adds a package unless one with its identifier is present.</summary>
    /// <returns>Whether the package was added.</returns>
    public bool TryAddPackage(SpdxPackage package)
    {
        if (!_packagesById.TryAdd(package.SpdxId, package))
        {
            return false;
        }

        _packages.Add(package);
        return true;
    }

    /// <summary>Removes a package; its relationships stay.</summary>
    public void RemovePackage(SpdxPackage package)
    {
        if (_packagesById.Remove(package.SpdxId))
        {
            _packages.Remove(package);
        }
    }

    /// <summary>Adds a relationship unless an equal one is present.</summary>
    public void Relate(string element, string type, string related)
    {
        var relationship = new SpdxRelationship(element, type, related);
        if (_relationshipSet.Add(relationship))
        {
            _relationships.Add(relationship);
        }
    }

    /// <summary>Replaces every relationship by the result of a function, dropping duplicates and nulls.</summary>
    public void RewriteRelationships(Func<SpdxRelationship, SpdxRelationship?> rewrite)
    {
        var old = _relationships.ToList();
        _relationships.Clear();
        _relationshipSet.Clear();
        foreach (var relationship in old)
        {
            if (rewrite(relationship) is { } r)
            {
                Relate(r.SpdxElementId, r.RelationshipType, r.RelatedSpdxElement);
            }
        }
    }

    /// <summary>Adds a licence unless one with its identifier is present, the first text winning.</summary>
    public void AddLicensingInfo(SpdxLicensingInfo info)
    {
        if (_licenseIds.Add(info.LicenseId))
        {
            _licensingInfos.Add(info);
        }
    }
}
