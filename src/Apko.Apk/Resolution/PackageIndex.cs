using Apko.Apk.Indexes;
using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// Every package of the configured repositories and the installed database, with every name linked to its providers,
/// the packages depending on it and the install-if packages it triggers. A package offered by several repositories
/// (same checksum) is one package with several repository bits, as in apk-tools, which also keeps only the first
/// record when two records share a checksum.
/// </summary>
internal sealed class PackageIndex
{
    private readonly Dictionary<string, IndexName> _names = new(StringComparer.Ordinal);
    private readonly List<IndexName> _nameList = [];
    private readonly Dictionary<string, IndexPackage> _byChecksum = new(StringComparer.Ordinal);
    private readonly List<IndexPackage> _packages = [];

    public PackageIndex(IReadOnlyList<RepositoryIndex> repositories, IReadOnlyList<InstalledPackage> installed)
    {
        if (repositories.Count > 64)
        {
            throw new ApkException("APKO3004", ResolutionMessages.TooManyRepositories(repositories.Count));
        }

        Repositories = repositories;
        for (var i = 0; i < repositories.Count; i++)
        {
            Tags.AddRepository(i, repositories[i].Repository.Tag);
            foreach (var package in repositories[i].Index.Packages)
            {
                AddOrMerge(package).Repositories |= 1UL << i;
            }
        }

        foreach (var entry in installed)
        {
            var package = AddOrMerge(entry.Package);
            package.IsInstalled = true;
            package.InstalledTag = Tags.GetOrAdd(entry.Tag);
        }

        LinkDependencies();
    }

    public IReadOnlyList<RepositoryIndex> Repositories { get; }

    public RepositoryTags Tags { get; } = new();

    public IReadOnlyList<IndexPackage> Packages => _packages;

    public IReadOnlyList<IndexName> Names => _nameList;

    /// <summary>Returns the index name, or null when no package mentions the name.</summary>
    public IndexName? FindName(string name) => _names.GetValueOrDefault(name);

    private IndexName GetOrAddName(string name)
    {
        if (!_names.TryGetValue(name, out var known))
        {
            known = new IndexName(name, _nameList.Count);
            _names.Add(name, known);
            _nameList.Add(known);
        }

        return known;
    }

    private IndexPackage AddOrMerge(ApkPackage package)
    {
        var checksum = NormalizeChecksum(package.Checksum);
        if (checksum is not null && _byChecksum.TryGetValue(checksum, out var known))
        {
            return known;
        }

        var name = GetOrAddName(package.Name);
        var added = new IndexPackage(_packages.Count, package, name);
        _packages.Add(added);
        if (checksum is not null)
        {
            _byChecksum.Add(checksum, added);
        }

        name.Providers.Add(new IndexProvider(added, package.Version));
        added.Provides = new (IndexName, string?)[package.Provides.Count];
        for (var i = 0; i < package.Provides.Count; i++)
        {
            var text = package.Provides[i];
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var provided = GetOrAddName(equals < 0 ? text : text[..equals]);
            var version = equals < 0 ? null : text[(equals + 1)..];
            added.Provides[i] = (provided, version);
            provided.Providers.Add(new IndexProvider(added, version));
        }

        return added;
    }

    /// <summary>
    /// Looks up the names every package's atoms refer to and records the reverse links, in package order as
    /// apk-tools does. The atoms themselves are parsed only when a solve reaches the package.
    /// </summary>
    private void LinkDependencies()
    {
        var reverseDepends = new HashSet<long>();
        var reverseInstallIf = new HashSet<long>();
        foreach (var package in _packages)
        {
            package.DependNames = GetAtomNames(package.Package.Dependencies);
            package.InstallIfNames = GetAtomNames(package.Package.InstallIf);
            foreach (var target in package.DependNames)
            {
                AddReverse(target.ReverseDepends, reverseDepends, target, package);
            }

            foreach (var target in package.InstallIfNames)
            {
                AddReverse(target.ReverseInstallIf, reverseInstallIf, target, package);
            }
        }
    }

    private static void AddReverse(List<IndexName> list, HashSet<long> present, IndexName target, IndexPackage package)
    {
        if (present.Add(((long)target.Id << 32) | (uint)package.Name.Id))
        {
            list.Add(package.Name);
        }

        foreach (var (provided, _) in package.Provides)
        {
            if (present.Add(((long)target.Id << 32) | (uint)provided.Id))
            {
                list.Add(provided);
            }
        }
    }

    private IndexName[] GetAtomNames(IReadOnlyList<string> atoms)
    {
        if (atoms.Count == 0)
        {
            return [];
        }

        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        var names = new IndexName[atoms.Count];
        for (var i = 0; i < names.Length; i++)
        {
            var name = DependencyParser.ReadName(atoms[i]);
            names[i] = lookup.TryGetValue(name, out var known) ? known : GetOrAddName(name.ToString());
        }

        return names;
    }

    /// <summary>
    /// Returns the checksum as hex of its decoded bytes, as apk-tools compares checksums. Base64 text may differ in
    /// its unused low bits, so two spellings of the same bytes identify the same package. Returns null when absent.
    /// </summary>
    private static string? NormalizeChecksum(string? checksum)
    {
        if (checksum is null || checksum.Length < 3 || checksum[0] != 'Q')
        {
            return checksum;
        }

        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64Chars(checksum.AsSpan(2), bytes, out var written)
            ? checksum[..2] + Convert.ToHexString(bytes[..written])
            : checksum;
    }
}
