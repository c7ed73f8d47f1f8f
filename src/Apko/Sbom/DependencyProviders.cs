using Apko.Apk.Indexes;

namespace Apko.Sbom;

/// <summary>Finds which installed package satisfies each dependency of another.</summary>
internal sealed class DependencyProviders
{
    private readonly Dictionary<string, string> _providers;

    private DependencyProviders(Dictionary<string, string> providers)
    {
        _providers = providers;
    }

    /// <summary>
    /// Indexes installed packages by name and by every name they provide (<c>so:</c>, <c>cmd:</c>, <c>pc:</c>,
    /// paths). A package's own name wins over another's provides. Among providers, the first package wins.
    /// </summary>
    public static DependencyProviders Create(IEnumerable<ApkPackage> installed)
    {
        var list = installed.ToList();
        var providers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in list)
        {
            providers.TryAdd(package.Name, package.Name);
        }

        foreach (var package in list)
        {
            foreach (var provided in package.Provides)
            {
                providers.TryAdd(NameOf(provided), package.Name);
            }
        }

        return new DependencyProviders(providers);
    }

    /// <summary>
    /// Returns the names of the installed packages that satisfy a package's dependencies, each once, in
    /// dependency order. Conflicts (<c>!name</c>), dependencies on itself and names nothing installed provides
    /// are left out.
    /// </summary>
    public IReadOnlyList<string> Resolve(ApkPackage package)
    {
        var result = new List<string>();
        foreach (var atom in package.Dependencies)
        {
            if (atom.StartsWith('!') || !_providers.TryGetValue(NameOf(atom), out var provider))
            {
                continue;
            }

            if (provider != package.Name && !result.Contains(provider))
            {
                result.Add(provider);
            }
        }

        return result;
    }

    // A dependency atom is NAME, optionally followed by a version constraint (<, >, =, ~) or a repository tag (@).
    private static string NameOf(string atom)
    {
        var end = atom.IndexOfAny(['<', '>', '=', '~', '@']);
        return end < 0 ? atom : atom[..end];
    }
}
