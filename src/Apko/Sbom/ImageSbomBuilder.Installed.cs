using Apko.Apk.Indexes;

namespace Apko.Sbom;

internal sealed partial class ImageSbomBuilder
{
    // All shipped SBOMs are copied before any installed package is matched, so that an entry in one package's
    // SBOM describing another installed package merges with it whatever the order.
    private void AddInstalledPackages(IReadOnlyList<SbomPackageInput> packages)
    {
        var topLevel = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var input in packages)
        {
            topLevel[input.Package.Name] = input.ShippedSbom is { } sbom
                ? CopyShipped(input, ShippedSbomReader.Read(input.Package, sbom))
                : [];
        }

        var candidates = CandidateIndex.Create(_document.Packages.Where(p => !_fixedIds.Contains(p.SpdxId)));
        foreach (var input in packages)
        {
            AddInstalledPackage(input, topLevel[input.Package.Name], candidates);
        }
    }

    private void AddInstalledPackage(SbomPackageInput input, List<string> ownTopLevel, CandidateIndex candidates)
    {
        var described = InstalledPackageDescription.Create(input, _os, _supplier);
        var package = MergeMatches(input.Package, ownTopLevel, candidates) ?? AddCreated(described);
        package.FillFrom(described);
        package.PrimaryPurl = described.PrimaryPurl;
        _installedIds[input.Package.Name] = package.SpdxId;
        _document.Relate(_imageId, "CONTAINS", package.SpdxId);
    }

    // Every entry that describes this installed package, whether the package's own SBOM or another package's
    // lists it, becomes one package: the first in the document, with the others' fields merged in.
    private SpdxPackage? MergeMatches(ApkPackage installed, List<string> ownTopLevel, CandidateIndex candidates)
    {
        var claimed = _installedIds.Values.ToHashSet(StringComparer.Ordinal);
        var matches = candidates.Find(installed.Name, installed.Version)
            .Where(c => c.ByPurl
                ? c.Arch is null || installed.Arch.Length == 0 || c.Arch == installed.Arch
                : ownTopLevel.Contains(c.Package.SpdxId))
            .Select(c => c.Package)
            .Where(p => _document.Find(p.SpdxId) == p && !claimed.Contains(p.SpdxId))
            .Distinct()
            .OrderBy(candidates.PositionOf)
            .ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var canonical = matches[0];
        foreach (var other in matches.Skip(1))
        {
            canonical.FillFrom(other);
            _document.RemovePackage(other);
            _aliases[other.SpdxId] = canonical.SpdxId;
        }

        return canonical;
    }

    private SpdxPackage AddCreated(SpdxPackage package)
    {
        var id = package.SpdxId;
        for (var suffix = 2; _document.Find(id) is not null || _aliases.ContainsKey(id); suffix++)
        {
            id = $"{package.SpdxId}-{suffix}";
        }

        var created = new SpdxPackage { SpdxId = id, Name = package.Name };
        _document.TryAddPackage(created);
        return created;
    }

    private void AddDependencies(IReadOnlyList<SbomPackageInput> packages)
    {
        var providers = DependencyProviders.Create(packages.Select(p => p.Package));
        foreach (var input in packages)
        {
            foreach (var provider in providers.Resolve(input.Package))
            {
                _document.Relate(_installedIds[input.Package.Name], "DEPENDS_ON", _installedIds[provider]);
            }
        }
    }
}
