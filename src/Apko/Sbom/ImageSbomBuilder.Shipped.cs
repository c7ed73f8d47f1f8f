namespace Apko.Sbom;

internal sealed partial class ImageSbomBuilder
{
    // Copies what a package's own SBOM describes, as apko does: the described packages, everything reachable
    // from them through relationships (files excepted), those relationships, and the licences they define.
    // Returns the identifiers of the described packages.
    private List<string> CopyShipped(SbomPackageInput input, ShippedSpdxDocument shipped)
    {
        var path = input.ShippedSbom!.Path;
        var described = new HashSet<string>(shipped.DocumentDescribes, StringComparer.Ordinal);
        foreach (var r in shipped.Relationships)
        {
            if (r.RelationshipType == "DESCRIBES" && IsDocument(shipped, r.SpdxElementId))
            {
                described.Add(r.RelatedSpdxElement);
            }
        }

        var topLevel = shipped.Packages.Where(p => described.Contains(p.SpdxId)).Select(p => p.SpdxId).ToList();
        var closure = Closure(shipped, topLevel);
        var packageIds = shipped.Packages.Select(p => p.SpdxId).ToHashSet(StringComparer.Ordinal);
        var missing = closure.Where(id => !packageIds.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw SbomErrors.MissingElements(input.Package, path, missing);
        }

        foreach (var package in shipped.Packages.Where(p => closure.Contains(p.SpdxId)))
        {
            if (shipped.PackageProblems.TryGetValue(package.SpdxId, out var problem))
            {
                throw problem;
            }

            AddShippedPackage(package);
        }

        CopyRelationships(input, shipped, closure);

        MergeLicensingInfos(shipped);
        foreach (var id in topLevel)
        {
            _document.Relate(_imageId, "CONTAINS", id);
        }

        return topLevel;
    }

    private void CopyRelationships(SbomPackageInput input, ShippedSpdxDocument shipped, HashSet<string> closure)
    {
        for (var i = 0; i < shipped.Relationships.Count; i++)
        {
            var r = shipped.Relationships[i];
            if (!closure.Contains(r.SpdxElementId) || !IsCopied(shipped, r.RelatedSpdxElement))
            {
                continue;
            }

            if (!SpdxValues.RelationshipTypes.Contains(r.RelationshipType))
            {
                throw SbomErrors.InvalidValue(
                    input.Package,
                    input.ShippedSbom!.Path,
                    shipped.RelationshipLocations[i] + ".relationshipType",
                    r.RelationshipType);
            }

            _document.Relate(r.SpdxElementId, r.RelationshipType, r.RelatedSpdxElement);
        }
    }

    private static HashSet<string> Closure(ShippedSpdxDocument shipped, IEnumerable<string> start)
    {
        var closure = new HashSet<string>(start, StringComparer.Ordinal);
        var queue = new Queue<string>(closure);
        var outgoing = shipped.Relationships.ToLookup(r => r.SpdxElementId, StringComparer.Ordinal);
        while (queue.TryDequeue(out var id))
        {
            foreach (var r in outgoing[id])
            {
                if (IsFollowed(shipped, r.RelatedSpdxElement) && closure.Add(r.RelatedSpdxElement))
                {
                    queue.Enqueue(r.RelatedSpdxElement);
                }
            }
        }

        return closure;
    }

    // Relationships to files are dropped with the files. NONE and NOASSERTION are values, not elements.
    private static bool IsFollowed(ShippedSpdxDocument shipped, string id) =>
        IsCopied(shipped, id) && id is not (SpdxValues.None or SpdxValues.NoAssertion);

    private static bool IsCopied(ShippedSpdxDocument shipped, string id) =>
        !id.StartsWith("SPDXRef-File-", StringComparison.Ordinal)
        && !shipped.FileIds.Contains(id)
        && !id.StartsWith("DocumentRef-", StringComparison.Ordinal)
        && !IsDocument(shipped, id);

    private static bool IsDocument(ShippedSpdxDocument shipped, string id) =>
        id == shipped.DocumentId || id == SpdxDocument.DocumentId;

    private void AddShippedPackage(SpdxPackage package)
    {
        // The first package with an identifier wins, as in apko: subpackages of one origin ship the same
        // melange and upstream source packages.
        if (_document.Find(package.SpdxId) is not null || _aliases.ContainsKey(package.SpdxId))
        {
            return;
        }

        // Older packages lack originator and supplier, which SPDX checkers require, so apko fills them in from
        // the image's supplier. Files are not copied, so filesAnalyzed is false.
        if (package.Originator.Length == 0)
        {
            package.Originator = _supplier;
        }

        if (package.Supplier.Length == 0)
        {
            package.Supplier = package.Originator;
        }

        if (package.DownloadLocation.Length == 0)
        {
            package.DownloadLocation = SpdxValues.NoAssertion;
        }

        package.FilesAnalyzed = false;
        _document.TryAddPackage(package);
    }

    private void MergeLicensingInfos(ShippedSpdxDocument shipped)
    {
        // NOTE: when two packages define one LicenseRef with different texts, the first text is kept. apko logs
        // a warning and does the same.
        foreach (var info in shipped.LicensingInfos)
        {
            _document.AddLicensingInfo(info);
        }
    }
}
