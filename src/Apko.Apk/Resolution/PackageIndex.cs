using System.Buffers;
using Apko.Apk.Indexes;
using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// Every package of the configured repositories and the installed database, with every name linked to its providers,
/// the packages depending on it and the install-if packages it triggers. A package offered by several repositories
/// (same checksum) is one package with several repository bits, as in apk-tools, which also keeps only the first
/// record when two records share a checksum.
/// </summary>
/// <remarks>
/// Building the index is most of the cost of a resolve, so the links live in a few flat arrays sized up front, and
/// the reverse links of a name are expanded only when a solve needs them.
/// </remarks>
internal sealed class PackageIndex
{
    private readonly NameTable _names;
    /// <summary>Packages by checksum key, split by <see cref="ChecksumPart"/> to keep off the large object heap.
    /// </summary>
    private readonly Dictionary<string, IndexPackage>[] _byChecksum =
        new Dictionary<string, IndexPackage>[8];
    private readonly List<IndexPackage> _packages;
    private readonly AtomNameCache _atomNames = new();
    private int _nameCount;
    private ReverseLinks _reverseDepends;
    private ReverseLinks _reverseInstallIf;

    public PackageIndex(IReadOnlyList<RepositoryIndex> repositories, IReadOnlyList<InstalledPackage> installed)
    {
        if (repositories.Count > 64)
        {
            throw new ApkException("APKO3004", ResolutionMessages.TooManyRepositories(repositories.Count));
        }

        var sizes = IndexSizes.Count(repositories, installed);
        _names = new NameTable(sizes.Packages + sizes.Provides);
        for (var i = 0; i < _byChecksum.Length; i++)
        {
            _byChecksum[i] = new Dictionary<string, IndexPackage>(
                sizes.Packages / _byChecksum.Length,
                StringComparer.Ordinal);
        }

        _packages = new List<IndexPackage>(sizes.Packages);
        Repositories = repositories;
        AddPackages(repositories, installed);
        LinkProviders();
        LinkDependencies();
    }

    public IReadOnlyList<RepositoryIndex> Repositories { get; }

    public RepositoryTags Tags { get; } = new();

    public IReadOnlyList<IndexPackage> Packages => _packages;

    /// <summary>Number of names; name ids run from 0 to this count - 1.</summary>
    public int NameCount => _nameCount;

    /// <summary>Returns the index name, or null when no package mentions the name.</summary>
    public IndexName? FindName(string name) => _names.Find(name);

    /// <summary>
    /// Returns the names of the packages that depend on (or, with <paramref name="installIf"/>, are installed if)
    /// the name with id <paramref name="nameId"/>, each followed by the names it provides, without repeats, in
    /// package order.
    /// </summary>
    public IndexName[] GetReverseNames(int nameId, bool installIf)
    {
        var links = installIf ? _reverseInstallIf : _reverseDepends;
        if (nameId < 0 || nameId >= links.Count)
        {
            return [];
        }

        var packages = links.Get(nameId);
        if (packages.IsEmpty)
        {
            return [];
        }

        var capacity = 0;
        foreach (var id in packages)
        {
            capacity += 1 + _packages[id].Provides.Count;
        }

        // Scratch space comes from the pools, so only the returned array is allocated. The bit set of names already
        // listed is cleared after renting, since pooled arrays keep old contents.
        var buffer = ArrayPool<IndexName>.Shared.Rent(capacity);
        var seen = packages.Length > 8 ? ArrayPool<ulong>.Shared.Rent((_nameCount + 63) / 64) : null;
        seen?.AsSpan(0, (_nameCount + 63) / 64).Clear();
        var count = 0;
        try
        {
            foreach (var id in packages)
            {
                var package = _packages[id];
                count = AddOnce(buffer, count, seen, package.Name);
                foreach (var (provided, _) in package.Provides)
                {
                    count = AddOnce(buffer, count, seen, provided);
                }
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            buffer.AsSpan(0, count).Clear();
            ArrayPool<IndexName>.Shared.Return(buffer);
            if (seen is not null)
            {
                ArrayPool<ulong>.Shared.Return(seen);
            }
        }
    }

    /// <summary>
    /// Appends a name unless already listed, by a linear search for short lists or a bit per name id, and returns the
    /// new count.
    /// </summary>
    private static int AddOnce(IndexName[] names, int count, ulong[]? seen, IndexName name)
    {
        if (seen is null)
        {
            if (Array.IndexOf(names, name, 0, count) < 0)
            {
                names[count++] = name;
            }

            return count;
        }

        ref var word = ref seen[name.Id >> 6];
        var bit = 1UL << (name.Id & 63);
        if ((word & bit) == 0)
        {
            word |= bit;
            names[count++] = name;
        }

        return count;
    }

    private void AddPackages(IReadOnlyList<RepositoryIndex> repositories, IReadOnlyList<InstalledPackage> installed)
    {
        for (var i = 0; i < repositories.Count; i++)
        {
            Tags.AddRepository(i, repositories[i].Repository.Tag);
            var packages = repositories[i].Index.Packages;
            for (var j = 0; j < packages.Count; j++)
            {
                AddOrMerge(packages[j]).Repositories |= 1UL << i;
            }
        }

        for (var i = 0; i < installed.Count; i++)
        {
            var package = AddOrMerge(installed[i].Package);
            package.IsInstalled = true;
            package.InstalledTag = Tags.GetOrAdd(installed[i].Tag);
        }
    }

    /// <summary>
    /// Returns the name spelled by the first <paramref name="length"/> characters of <paramref name="text"/>, adding
    /// it when new; its string is made only when a solve needs it.
    /// </summary>
    private IndexName GetOrAddName(string text, int length)
    {
        if (_names.Find(text.AsSpan(0, length)) is { } known)
        {
            return known;
        }

        known = new IndexName(text, length, _nameCount++, this);
        _names.Add(known);
        return known;
    }

    private IndexPackage AddOrMerge(ApkPackage package)
    {
        var checksum = ChecksumKey(package.Checksum);
        var byChecksum = checksum is null ? null : _byChecksum[ChecksumPart(checksum)];
        if (checksum is not null && byChecksum!.TryGetValue(checksum, out var known))
        {
            return known;
        }

        var name = GetOrAddName(package.Name, package.Name.Length);
        var added = new IndexPackage(_packages.Count, package, name);
        _packages.Add(added);
        if (checksum is not null)
        {
            byChecksum!.Add(checksum, added);
        }

        var provides = package.Provides;
        var offered = provides.Count == 0 ? [] : new (IndexName, string?)[provides.Count];
        for (var i = 0; i < provides.Count; i++)
        {
            var text = provides[i];
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var provided = GetOrAddName(text, equals < 0 ? text.Length : equals);
            var version = equals < 0 ? null : VersionOf(text.AsSpan(equals + 1), package.Version);
            offered[i] = (provided, version);
        }

        added.Provides = offered;
        return added;
    }

    /// <summary>Picks a part of the checksum table from a middle character, which is random in base64.</summary>
    private int ChecksumPart(string checksum) =>
        checksum.Length == 0 ? 0 : checksum[checksum.Length / 2] & (_byChecksum.Length - 1);

    /// <summary>Reuses the package's version string for the common <c>cmd:x=version</c> provide.</summary>
    private static string VersionOf(ReadOnlySpan<char> version, string packageVersion) =>
        version.SequenceEqual(packageVersion) ? packageVersion : version.ToString();

    /// <summary>
    /// Lists the providers of every name, grouped by name in shared arrays: each package offers its own name, then
    /// the names it provides, in package order.
    /// </summary>
    private void LinkProviders()
    {
        var counts = new int[_nameCount];
        foreach (var package in _packages)
        {
            counts[package.Name.Id]++;
            foreach (var (provided, _) in package.Provides)
            {
                counts[provided.Id]++;
            }
        }

        var chunks = new ProviderChunks();
        var next = new int[_nameCount];
        foreach (var package in _packages)
        {
            chunks.Add(package.Name, counts, next, new IndexProvider(package, package.Package.Version));
            foreach (var (provided, version) in package.Provides)
            {
                chunks.Add(provided, counts, next, new IndexProvider(package, version));
            }
        }
    }

    /// <summary>
    /// Looks up the names every package's atoms refer to and records which packages refer to each name, in package
    /// order as apk-tools does. The atoms themselves are parsed only when a solve reaches the package.
    /// </summary>
    private void LinkDependencies()
    {
        foreach (var package in _packages)
        {
            package.DependNames = GetAtomNames(package.Package.Dependencies);
            package.InstallIfNames = GetAtomNames(package.Package.InstallIf);
        }

        _reverseDepends = ReverseLinks.Build(_packages, _nameCount, package => package.DependNames);
        _reverseInstallIf = ReverseLinks.Build(_packages, _nameCount, package => package.InstallIfNames);
    }

    private ArraySegment<IndexName> GetAtomNames(IReadOnlyList<string> atoms)
    {
        if (atoms.Count == 0)
        {
            return ArraySegment<IndexName>.Empty;
        }

        var names = new IndexName[atoms.Count];
        for (var i = 0; i < atoms.Count; i++)
        {
            names[i] = GetAtomName(atoms[i]);
        }

        return names;
    }

    /// <summary>Returns the name an atom such as <c>!foo@edge>=1.2</c> refers to, adding it when new.</summary>
    private IndexName GetAtomName(string atom)
    {
        // Index readers share one string among records for a repeated atom such as so:libc.musl-x86_64.so.1, so
        // a cache by reference skips parsing and hashing it again.
        ref var cached = ref _atomNames.Slot(atom);
        if (ReferenceEquals(cached.Atom, atom))
        {
            return cached.Name!;
        }

        var found = FindAtomName(atom);
        cached = (atom, found);
        return found;
    }

    private IndexName FindAtomName(string atom)
    {
        var name = DependencyParser.ReadName(atom);
        if (_names.Find(name) is { } known)
        {
            return known;
        }

        var text = name.Length == atom.Length ? atom : name.ToString();
        return GetOrAddName(text, text.Length);
    }

    /// <summary>
    /// Returns a key under which two spellings of the same checksum bytes are equal, as apk-tools compares the
    /// decoded bytes: base64 text may differ in its unused low bits. Canonical text, the usual case, is its own key.
    /// Returns the text itself when it is absent or not base64.
    /// </summary>
    private static string? ChecksumKey(string? checksum)
    {
        if (checksum is null || checksum.Length < 3 || checksum[0] != 'Q' || HasZeroUnusedBits(checksum))
        {
            return checksum;
        }

        Span<byte> bytes = stackalloc byte[64];
        if (!Convert.TryFromBase64Chars(checksum.AsSpan(2), bytes, out var written))
        {
            return checksum;
        }

        Span<char> canonical = stackalloc char[90];
        if (Convert.TryToBase64Chars(bytes[..written], canonical, out var length)
            && canonical[..length].SequenceEqual(checksum.AsSpan(2)))
        {
            return checksum;
        }

        return string.Concat(checksum.AsSpan(0, 2), canonical[..length]);
    }

    /// <summary>
    /// Returns whether the low bits that base64 padding leaves unused in the last character are zero, as in
    /// canonical text. Text that fails this check is either spelled differently or is not base64 at all.
    /// </summary>
    private static bool HasZeroUnusedBits(string checksum)
    {
        var padding = checksum.EndsWith("==", StringComparison.Ordinal) ? 2 : checksum.EndsWith('=') ? 1 : 0;
        if (padding == 0)
        {
            return true;
        }

        var value = Base64Value(checksum[^(padding + 1)]);
        var unusedMask = padding == 1 ? 0b11 : 0b1111;
        return value >= 0 && (value & unusedMask) == 0;
    }

    private static int Base64Value(char character) => character switch
    {
        >= 'A' and <= 'Z' => character - 'A',
        >= 'a' and <= 'z' => character - 'a' + 26,
        >= '0' and <= '9' => character - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
