namespace Apko.Sbom;

/// <summary>
/// Finds the copied SBOM packages that may describe an installed package: those with an apk purl for its name and
/// version, and those with its name and version.
/// </summary>
internal sealed class CandidateIndex
{
    private readonly Dictionary<(string Name, string Version), List<Candidate>> _byNameVersion = [];
    private readonly Dictionary<SpdxPackage, int> _positions = [];

    /// <summary>Indexes packages, remembering their document order.</summary>
    public static CandidateIndex Create(IEnumerable<SpdxPackage> packages)
    {
        var index = new CandidateIndex();
        foreach (var package in packages)
        {
            index._positions[package] = index._positions.Count;
            foreach (var purl in package.Purls())
            {
                if (PackageUrl.TryParseApk(purl, out var name, out var version, out var arch))
                {
                    index.Add(name, version, new Candidate(package, arch, ByPurl: true));
                }
            }

            index.Add(package.Name, package.VersionInfo, new Candidate(package, null, ByPurl: false));
        }

        return index;
    }

    /// <summary>Returns the candidates for a name and version.</summary>
    public IReadOnlyList<Candidate> Find(string name, string version) =>
        _byNameVersion.TryGetValue((name, version), out var list) ? list : [];

    /// <summary>Returns a package's position in document order.</summary>
    public int PositionOf(SpdxPackage package) => _positions[package];

    private void Add(string name, string version, Candidate candidate)
    {
        if (!_byNameVersion.TryGetValue((name, version), out var list))
        {
            _byNameVersion[(name, version)] = list = [];
        }

        list.Add(candidate);
    }

    /// <summary>A package that may describe an installed package.</summary>
    /// <param name="Package">The copied package.</param>
    /// <param name="Arch">The <c>arch</c> qualifier of its apk purl; null when absent or matched by name.</param>
    /// <param name="ByPurl">Whether its apk purl matched, rather than its name and version.</param>
    internal sealed record Candidate(SpdxPackage Package, string? Arch, bool ByPurl);
}
