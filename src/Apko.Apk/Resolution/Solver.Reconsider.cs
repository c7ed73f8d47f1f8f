namespace Apko.Apk.Resolution;

internal sealed partial class Solver
{
    /// <summary>
    /// Re-examines a name after something it depends on changed: disqualifies providers whose dependencies can no
    /// longer be met, re-checks install-if triggers, and applies the dependencies that all remaining providers share.
    /// </summary>
    private void ReconsiderName(SolverName name)
    {
        var reevaluateDepends = name.ReevaluateDepends;
        var reevaluateInstallIf = name.ReevaluateInstallIf;
        name.ReevaluateDepends = false;
        name.ReevaluateInstallIf = false;

        SolverPackage? firstCandidate = null;
        int options = 0, tagNotOk = 0;
        bool hasInstallIf = false, noInstallIf = true, hasAutoSelectable = false;
        foreach (var provider in name.Providers)
        {
            var package = provider.Package!;
            package.DependenciesMerged = false;
            if (reevaluateDepends && package.Selectable)
            {
                DisqualifyIfUnsatisfiable(package);
            }

            if (!package.Selectable)
            {
                continue;
            }

            if (reevaluateInstallIf)
            {
                ReevaluateInstallIfTrigger(package);
            }

            hasInstallIf |= package.InstallIfTriggered;
            noInstallIf &= package.InstallIfFailed;
            hasAutoSelectable |= package.InstallIfTriggered;
            if (name.Requirers == 0)
            {
                continue;
            }

            package.DependenciesMerged = true;
            firstCandidate ??= package;
            MergeCandidate(package, provider, options);
            tagNotOk += package.TagOk ? 0 : 1;
            options++;
            hasAutoSelectable |= IsAutoSelectable(provider);
        }

        name.HasOptions = options > 1 || tagNotOk > 0;
        name.HasInstallIf = hasInstallIf;
        name.NoInstallIf = noInstallIf;
        var reevaluate = hasAutoSelectable != name.HasAutoSelectable;
        name.HasAutoSelectable = hasAutoSelectable;
        if (firstCandidate is not null)
        {
            PropagateCommonDependencies(name, firstCandidate, options);
        }

        name.ReverseDependsDone = name.ReverseDepends.All(reverse => !reverse.Seen || reverse.Locked);
        QueueUnresolved(name, reevaluate);
    }

    private void DisqualifyIfUnsatisfiable(SolverPackage package)
    {
        foreach (var dependency in package.Depends)
        {
            if (!IsSatisfiable(dependency))
            {
                DisqualifyPackage(package);
                return;
            }
        }
    }

    private void ReevaluateInstallIfTrigger(SolverPackage package)
    {
        if (!package.InstallIfTriggered && !package.InstallIfFailed)
        {
            package.InstallIfTriggered = true;
            foreach (var trigger in package.InstallIf)
            {
                if (!trigger.Name.Locked)
                {
                    if (trigger.IsConflict)
                    {
                        trigger.Name.InstallIfNeeded = true;
                        QueueUnresolved(trigger.Name, reevaluate: false);
                    }

                    package.InstallIfTriggered = false;
                    break;
                }

                if (!trigger.IsProvidedBy(trigger.Name.Chosen))
                {
                    package.InstallIfTriggered = false;
                    package.InstallIfFailed = true;
                    break;
                }
            }
        }

        if (package.InstallIfTriggered)
        {
            foreach (var trigger in package.InstallIf)
            {
                InheritPinning(package, trigger.Name.Chosen.Package);
            }
        }
    }

    /// <summary>Counts, per name, how many candidates so far depend on it or provide it.</summary>
    private static void MergeCandidate(SolverPackage package, SolverProvider provider, int options)
    {
        foreach (var dependency in package.Depends)
        {
            if (!dependency.IsConflict && dependency.Name.MergeDepends == options)
            {
                dependency.Name.MergeDepends = options + 1;
            }
        }

        if (package.Name.MergeProvides == options)
        {
            package.Name.MergeProvides = options + 1;
            package.Name.HasVirtualProvides |= provider.Version is null;
        }

        foreach (var (provided, version) in package.Provides)
        {
            if (provided.MergeProvides == options)
            {
                provided.MergeProvides = options + 1;
                provided.HasVirtualProvides |= version is null;
            }
        }
    }

    /// <summary>
    /// Applies what every remaining candidate of <paramref name="name"/> has in common: with one candidate its
    /// dependencies; with several, the names they all depend on become required; and names they all provide exclude
    /// their other providers.
    /// </summary>
    private void PropagateCommonDependencies(SolverName name, SolverPackage first, int options)
    {
        foreach (var provider in name.Providers)
        {
            provider.Package!.DependenciesUsed = provider.Package.DependenciesMerged;
        }

        foreach (var dependency in first.Depends)
        {
            var shared = TakeMergeCount(dependency.Name, isProvides: false) == options;
            if (!shared)
            {
                continue;
            }

            if (options == 1)
            {
                ApplyConstraint(first, dependency);
            }
            else if (dependency.Name.Requirers == 0)
            {
                dependency.Name.Requirers++;
                NameRequirersChanged(dependency.Name);
                foreach (var provider in dependency.Name.Providers)
                {
                    InheritPinning(provider.Package!, first);
                }
            }
        }

        ExcludeIfProvidedByAll(first.Name, name, options);
        foreach (var (provided, _) in first.Provides)
        {
            ExcludeIfProvidedByAll(provided, name, options);
        }

        first.Name.HasVirtualProvides = false;
        foreach (var (provided, _) in first.Provides)
        {
            provided.HasVirtualProvides = false;
        }
    }

    private void ExcludeIfProvidedByAll(SolverName provided, SolverName name, int options)
    {
        if (TakeMergeCount(provided, isProvides: true) == options)
        {
            ExcludeNonProviders(provided, name, provided.HasVirtualProvides);
        }
    }

    private static int TakeMergeCount(SolverName name, bool isProvides)
    {
        int count;
        if (isProvides)
        {
            count = name.MergeProvides;
            name.MergeProvides = 0;
        }
        else
        {
            count = name.MergeDepends;
            name.MergeDepends = 0;
        }

        return count;
    }
}
