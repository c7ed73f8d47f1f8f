namespace Apko.Apk.Resolution;

internal sealed partial class Solver
{
    /// <summary>
    /// Applies a dependency of <paramref name="parent"/> (null for the world): counts a requirer of the name,
    /// disqualifies providers that do not satisfy it and passes pinning to those that do.
    /// </summary>
    private void ApplyConstraint(SolverPackage? parent, SolverDependency dependency)
    {
        var name = dependency.Name;
        if (!dependency.IsConflict)
        {
            name.Requirers++;
            if (name.Requirers == 1)
            {
                NameRequirersChanged(name);
            }
        }

        foreach (var provider in name.Providers)
        {
            var package = provider.Package!;
            var isProvided = dependency.IsProvidedBy(provider);
            if (!isProvided)
            {
                package.Conflicts++;
                if (package.Selectable)
                {
                    DisqualifyPackage(package);
                }
            }
            else
            {
                InheritPinning(package, parent);
            }
        }
    }

    /// <summary>
    /// Widens the tags a package may come from: a dependency passes on its parent's allowed tags, and a world atom
    /// passes on its own tag, which also becomes the preferred one.
    /// </summary>
    private void InheritPinning(SolverPackage package, SolverPackage? parent)
    {
        var repositories = GetPackageRepositories(package);
        if (parent is not null)
        {
            package.PinningAllowed |= parent.PinningAllowed;
        }
        else
        {
            package.PinningAllowed |= _pinningInherit;
            package.PinningPreferred = _pinningInherit;
            package.TagPreferred = (repositories & Tags.GetAllowedRepositories(package.PinningPreferred)) != 0;
        }

        package.TagOk |= (repositories & Tags.GetAllowedRepositories(package.PinningAllowed)) != 0;
    }

    private void DisqualifyPackage(SolverPackage package)
    {
        package.Selectable = false;
        ReevaluateReverseDepends(package.Name);
        foreach (var (provided, _) in package.Provides)
        {
            ReevaluateReverseDepends(provided);
        }

        ReevaluateReverseInstallIf(package);
    }

    private static bool IsSatisfiable(SolverDependency dependency)
    {
        var name = dependency.Name;
        if (name.Locked)
        {
            return dependency.IsProvidedBy(name.Chosen);
        }

        if (name.Requirers == 0 && dependency.IsProvidedBy(SolverProvider.None))
        {
            return true;
        }

        foreach (var provider in name.Providers)
        {
            if (provider.Package!.Selectable && dependency.IsProvidedBy(provider))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Disqualifies the providers of <paramref name="name"/> that do not also provide <paramref name="mustProvide"/>:
    /// every remaining option for <paramref name="mustProvide"/> provides <paramref name="name"/> too, so another
    /// provider of it would collide. With <paramref name="skipVirtuals"/>, virtual providers are left alone.
    /// </summary>
    private void ExcludeNonProviders(SolverName name, SolverName mustProvide, bool skipVirtuals)
    {
        if (name == mustProvide)
        {
            return;
        }

        foreach (var provider in name.Providers)
        {
            var package = provider.Package!;
            if (package.Name == mustProvide || !package.Selectable || (skipVirtuals && provider.Version is null))
            {
                continue;
            }

            if (!ProvidesOrIsVirtual(package, mustProvide, skipVirtuals))
            {
                DisqualifyPackage(package);
            }
        }
    }

    private static bool ProvidesOrIsVirtual(SolverPackage package, SolverName mustProvide, bool skipVirtuals)
    {
        foreach (var (provided, version) in package.Provides)
        {
            if (provided == mustProvide || (skipVirtuals && version is null))
            {
                return true;
            }
        }

        return false;
    }
}
