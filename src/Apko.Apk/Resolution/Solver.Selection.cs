using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

internal sealed partial class Solver
{
    /// <summary>
    /// A virtual provider (no version) is chosen automatically only when it declares a provider priority or its
    /// package is required by name.
    /// </summary>
    private static bool IsAutoSelectable(SolverProvider provider) =>
        provider.Version is not null
        || provider.Package!.Package.ProviderPriority != 0
        || provider.Package.Name.Requirers > 0;

    /// <summary>Chooses the best provider of a name, locks it and applies its dependencies.</summary>
    private void SelectPackage(SolverName name)
    {
        var chosen = SolverProvider.None;
        if (name.Requirers > 0 || name.HasInstallIf)
        {
            foreach (var provider in name.Providers)
            {
                var package = provider.Package!;
                if (name.Requirers == 0 && (!package.InstallIfTriggered || !package.TagOk || !package.Selectable))
                {
                    continue;
                }

                if (IsAutoSelectable(provider) && CompareProviders(name, provider, chosen) > 0)
                {
                    chosen = provider;
                }
            }
        }

        if (chosen.Package is not { } selected)
        {
            AssignName(name, SolverProvider.None);
            if (name.Requirers > 0)
            {
                Errors++;
            }

            return;
        }

        if (!selected.Selectable || !selected.TagOk)
        {
            MarkError(selected);
        }

        AssignName(selected.Name, new SolverProvider(selected, selected.Package.Version));
        foreach (var (provided, version) in selected.Provides)
        {
            AssignName(provided, new SolverProvider(selected, version));
        }

        foreach (var dependency in selected.Depends)
        {
            ApplyConstraint(selected, dependency);
        }
    }

    private void MarkError(SolverPackage? package)
    {
        if (package is null || package.Error)
        {
            return;
        }

        package.Error = true;
        Errors++;
    }

    /// <summary>Locks a name to a provider and disqualifies the providers that now collide with it.</summary>
    private void AssignName(SolverName name, SolverProvider provider)
    {
        if (name.Locked)
        {
            // Two packages may both provide a virtual name; any other second provider is a conflict.
            if (provider.Version is not null || name.Chosen.Version is not null)
            {
                MarkError(provider.Package);
                MarkError(name.Chosen.Package);
            }

            return;
        }

        name.Locked = true;
        name.Chosen = provider;
        SolverQueue.Remove(name);
        if (name.DirtyNode is not null)
        {
            _dirty.Remove(name.DirtyNode);
            name.DirtyNode = null;
        }

        if (provider.Package is { } package && name.Requirers == 0 && package.InstallIfTriggered)
        {
            foreach (var trigger in package.InstallIf)
            {
                if (!trigger.Name.Locked)
                {
                    ApplyConstraint(package, trigger);
                }
            }
        }

        DisqualifyCollidingProviders(name, provider);
        ReevaluateReverseDepends(name);
        if (provider.Package is not null)
        {
            ReevaluateReverseInstallIf(provider.Package);
        }
        else
        {
            ReevaluateReverseInstallIf(name);
        }
    }

    private void DisqualifyCollidingProviders(SolverName name, SolverProvider provider)
    {
        foreach (var other in name.Providers)
        {
            if (other.Package == provider.Package || (provider.Version is null && other.Version is null))
            {
                continue;
            }

            DisqualifyPackage(other.Package!);
        }
    }

    /// <summary>
    /// Orders two providers of <paramref name="name"/>; positive when <paramref name="a"/> is better. The criteria
    /// are apk-tools', in its order: no errors, in the last merge group, fewer conflicts, allowed and preferred
    /// pinning, already installed, higher provided version, higher package version, higher provider priority,
    /// installed, selectable, and finally the repository listed first.
    /// </summary>
    private static int CompareProviders(SolverName name, SolverProvider a, SolverProvider b)
    {
        if (a.Package is not { } packageA || b.Package is not { } packageB)
        {
            return (a.Package is not null ? 1 : 0) - (b.Package is not null ? 1 : 0);
        }

        var result = ComparePreferences(a, b, packageA, packageB);
        if (result != 0)
        {
            return result;
        }

        result = CompareProvidedVersions(name, a.Version, b.Version);
        if (result != 0)
        {
            return result;
        }

        if (packageA.Name == packageB.Name)
        {
            result = ApkVersion.Compare(packageA.Package.Version, packageB.Package.Version);
            if (result != 0)
            {
                return result;
            }
        }

        return CompareTieBreakers(packageA, packageB);
    }

    private static int ComparePreferences(
        SolverProvider a,
        SolverProvider b,
        SolverPackage packageA,
        SolverPackage packageB)
    {
        var result = packageA.Selectable.CompareTo(packageB.Selectable);
        result = result != 0 ? result : packageA.DependenciesUsed.CompareTo(packageB.DependenciesUsed);
        result = result != 0 ? result : packageB.Conflicts.CompareTo(packageA.Conflicts);
        result = result != 0 ? result : packageA.TagOk.CompareTo(packageB.TagOk);
        result = result != 0 ? result : packageA.TagPreferred.CompareTo(packageB.TagPreferred);
        if (result == 0 && (packageA.Name == packageB.Name || a.Version is not null || b.Version is not null))
        {
            result = packageA.IsInstalled.CompareTo(packageB.IsInstalled);
        }

        return result;
    }

    private static int CompareTieBreakers(SolverPackage packageA, SolverPackage packageB)
    {
        var result = packageA.Package.ProviderPriority.CompareTo(packageB.Package.ProviderPriority);
        result = result != 0 ? result : packageA.IsInstalled.CompareTo(packageB.IsInstalled);
        result = result != 0 ? result : packageA.Selectable.CompareTo(packageB.Selectable);
        return result != 0
            ? result
            : FirstRepository(packageB.Index.Repositories) - FirstRepository(packageA.Index.Repositories);
    }

    /// <summary>
    /// Returns the 1-based number of the first repository in the mask, or 0 for none, as C's ffs does.
    /// </summary>
    private static int FirstRepository(ulong repositories) =>
        repositories == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount(repositories) + 1;

    /// <summary>
    /// Compares the versions two packages provide a name at; virtual provides tie. For <c>so:</c> names a version
    /// without a <c>-rN</c> revision ranks below every version with one, so a soname number such as
    /// <c>so:libfoo.so.6=6</c> never outranks a package version such as <c>so:libfoo.so.6=4.0-r2</c>.
    /// </summary>
    private static int CompareProvidedVersions(SolverName name, string? a, string? b)
    {
        if (a is null || b is null)
        {
            return 0;
        }

        if (name.Name.StartsWith("so:", StringComparison.Ordinal))
        {
            var revisionA = HasRevision(a);
            var revisionB = HasRevision(b);
            if (revisionA != revisionB)
            {
                return revisionA ? 1 : -1;
            }
        }

        return ApkVersion.Compare(a, b);
    }

    private static bool HasRevision(string version) => version.Contains("-r", StringComparison.Ordinal);
}
