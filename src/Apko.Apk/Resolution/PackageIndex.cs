using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>
/// Every package of the configured repositories and the installed database, looked up by name and by provided name.
/// A package offered by several repositories (same checksum) is one package with several repository bits, as in
/// apk-tools, which also keeps only the first record when two records share a checksum.
/// </summary>
internal sealed class PackageIndex
{
    private static readonly IReadOnlyList<IndexProvider> s_noProviders = [];
    private static readonly IReadOnlyList<string> s_noNames = [];

    private readonly Dictionary<string, List<IndexProvider>> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _reverseInstallIf = new(StringComparer.Ordinal);
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
    }

    public IReadOnlyList<RepositoryIndex> Repositories { get; }

    public RepositoryTags Tags { get; } = new();

    public IReadOnlyList<IndexPackage> Packages => _packages;

    /// <summary>Returns the packages named <paramref name="name"/> or providing it, in index order.</summary>
    public IReadOnlyList<IndexProvider> GetProviders(string name) =>
        _providers.TryGetValue(name, out var providers) ? providers : s_noProviders;

    /// <summary>
    /// Returns the names of packages whose <c>install_if</c> mentions <paramref name="name"/>, and the names those
    /// packages provide.
    /// </summary>
    public IReadOnlyList<string> GetReverseInstallIf(string name) =>
        _reverseInstallIf.TryGetValue(name, out var names) ? names : s_noNames;

    private IndexPackage AddOrMerge(ApkPackage package)
    {
        var checksum = NormalizeChecksum(package.Checksum);
        if (checksum is not null && _byChecksum.TryGetValue(checksum, out var known))
        {
            return known;
        }

        var added = new IndexPackage(_packages.Count, package);
        _packages.Add(added);
        if (checksum is not null)
        {
            _byChecksum.Add(checksum, added);
        }

        AddProvider(package.Name, new IndexProvider(added, package.Version));
        foreach (var (name, version) in added.Provides)
        {
            AddProvider(name, new IndexProvider(added, version));
        }

        foreach (var trigger in added.InstallIf)
        {
            AddReverseInstallIf(trigger.Name, package.Name);
            foreach (var (name, _) in added.Provides)
            {
                AddReverseInstallIf(trigger.Name, name);
            }
        }

        return added;
    }

    /// <summary>
    /// Returns the checksum as hex of its decoded bytes, so that two spellings of the same bytes (base64 text may
    /// differ in its unused low bits) identify the same package, as apk-tools compares them; null when absent.
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

    private void AddProvider(string name, IndexProvider provider)
    {
        if (!_providers.TryGetValue(name, out var providers))
        {
            providers = [];
            _providers.Add(name, providers);
        }

        providers.Add(provider);
    }

    private void AddReverseInstallIf(string name, string packageName)
    {
        if (!_reverseInstallIf.TryGetValue(name, out var names))
        {
            names = [];
            _reverseInstallIf.Add(name, names);
        }

        if (!names.Contains(packageName))
        {
            names.Add(packageName);
        }
    }
}
