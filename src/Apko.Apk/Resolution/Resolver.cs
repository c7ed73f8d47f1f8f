using Apko.Apk.Indexes;
using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// Turns a world (the requested dependency atoms) into an install plan, choosing packages as apk-tools 2.14's solver
/// does: provides and provider priorities, install-if, conflicts, pinned (tagged) repositories, the highest version,
/// and the repository listed first when candidates tie. The packages are indexed once, so one resolver can resolve
/// many worlds.
/// </summary>
public sealed class Resolver
{
    private readonly PackageIndex _index;
    private readonly ResolverOptions _options;

    /// <summary>Indexes the packages of <paramref name="repositories"/>, given in configured order.</summary>
    /// <param name="repositories">Repository indexes; a repository with a tag is pinned.</param>
    /// <param name="options">Installed packages and the architecture named in messages.</param>
    /// <exception cref="ApkException">More than 64 repositories are given.</exception>
    public Resolver(IReadOnlyList<RepositoryIndex> repositories, ResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        _options = options ?? new ResolverOptions();
        _index = new PackageIndex(repositories, _options.Installed);
    }

    /// <summary>Resolves a world to the packages to install, each after the packages it depends on.</summary>
    /// <exception cref="ResolutionException">No set of packages satisfies the world; the message explains
    /// why.</exception>
    /// <exception cref="ApkException">An atom names a tag that no repository has.</exception>
    public ResolutionResult Resolve(IReadOnlyList<Dependency> world)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var dependency in world)
        {
            if (_index.Tags.Find(dependency.Tag) < 0)
            {
                throw new ApkException("APKO3006", ResolutionMessages.UnknownTag(dependency));
            }
        }

        var solver = new Solver(_index);
        solver.Solve(world);
        if (solver.Errors > 0)
        {
            var report = ProblemReport.Write(solver);
            throw new ResolutionException(
                "APKO3101",
                ResolutionMessages.Unsatisfiable(_options.Architecture, report, SuggestNames(world)),
                report);
        }

        var packages = new List<ResolvedPackage>(solver.InstallOrder.Count);
        foreach (var package in solver.InstallOrder)
        {
            packages.Add(new ResolvedPackage(package.Package, FindRepository(solver, package)));
        }

        return new ResolutionResult(packages);
    }

    /// <summary>Pairs each world name that no repository has with the package names it may be a typo of.</summary>
    private List<(string Missing, IReadOnlyList<string> Suggestions)> SuggestNames(IReadOnlyList<Dependency> world)
    {
        var missing = world.Where(dependency => !dependency.IsConflict && _index.FindName(dependency.Name) is null)
            .Select(dependency => dependency.Name).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var names = _index.Packages.Select(package => package.Name.Name).Distinct(StringComparer.Ordinal).ToList();
        return [.. missing.Select(name => (name, NameSuggestions.Find(names, name))).Where(pair => pair.Item2.Count > 0)];
    }

    /// <summary>
    /// Resolves the same world for several architectures so that they converge on the same versions, as apko does:
    /// a package whose name and version are missing from another requested architecture's repositories is left out
    /// before resolving.
    /// </summary>
    /// <param name="repositories">Repository indexes of every architecture; each states its architecture.</param>
    /// <param name="architectures">Architectures to resolve, such as <c>x86_64</c> and <c>aarch64</c>.</param>
    /// <param name="world">The requested atoms.</param>
    /// <param name="options">Installed packages, applied to every architecture.</param>
    /// <returns>One result per architecture, in the order of <paramref name="architectures"/>.</returns>
    /// <exception cref="ResolutionException">The world cannot be resolved for one of the architectures.</exception>
    /// <exception cref="ApkException">An architecture has no repository index.</exception>
    public static IReadOnlyDictionary<string, ResolutionResult> ResolveArchitectures(
        IReadOnlyList<RepositoryIndex> repositories,
        IReadOnlyList<string> architectures,
        IReadOnlyList<Dependency> world,
        ResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        ArgumentNullException.ThrowIfNull(architectures);
        var filtered = ArchitectureFilter.KeepCommonPackages(repositories, architectures);
        var results = new Dictionary<string, ResolutionResult>(StringComparer.Ordinal);
        foreach (var architecture in architectures)
        {
            var archOptions = (options ?? new ResolverOptions()) with { Architecture = architecture };
            results[architecture] = new Resolver(filtered[architecture], archOptions).Resolve(world);
        }

        return results;
    }

    /// <summary>Returns the first repository that offers the package under the tag its pinning allows.</summary>
    private RepositoryIndex? FindRepository(Solver solver, SolverPackage package)
    {
        var offered = package.Index.Repositories;
        if (offered == 0)
        {
            return null;
        }

        var tag = _index.Tags.FindTag(package.PinningAllowed, solver.GetPackageRepositories(package));
        var allowed = offered & _index.Tags.GetAllowedRepositories(tag);
        var repositories = allowed != 0 ? allowed : offered;
        return _index.Repositories[System.Numerics.BitOperations.TrailingZeroCount(repositories)];
    }
}
