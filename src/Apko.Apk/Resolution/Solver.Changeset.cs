namespace Apko.Apk.Resolution;

internal sealed partial class Solver
{
    /// <summary>
    /// Lists the chosen packages depth first from the world, each after its dependencies, and each install-if
    /// package right after the last of its triggers. Also marks packages whose dependencies ended up unmet.
    /// </summary>
    private void GenerateInstallOrder()
    {
        foreach (var dependency in World)
        {
            AddDependency(null, dependency);
        }

        foreach (var package in _packages)
        {
            if (package is { IsInstalled: true, Seen: true })
            {
                AddName(package.Name);
            }
        }
    }

    private void AddDependency(SolverPackage? parent, SolverDependency dependency)
    {
        var name = dependency.Name;
        if (!dependency.IsProvidedBy(name.Chosen))
        {
            MarkError(parent);
        }

        AddName(name);
        if (name.Chosen.Package is { Error: true })
        {
            MarkError(parent);
        }
    }

    private void AddName(SolverName name)
    {
        if (name.ChangesetProcessed)
        {
            return;
        }

        name.ChangesetProcessed = true;
        var package = name.Chosen.Package;
        if (package is null || package.InChangeset)
        {
            return;
        }

        package.InChangeset = true;
        package.Name.ChangesetProcessed = true;
        foreach (var (provided, _) in package.Provides)
        {
            provided.ChangesetProcessed = true;
        }

        foreach (var dependency in package.Depends)
        {
            AddDependency(package, dependency);
        }

        InstallOrder.Add(package);
        AddTriggeredInstallIf(package.Name);
        foreach (var (provided, _) in package.Provides)
        {
            AddTriggeredInstallIf(provided);
        }
    }

    /// <summary>Adds the chosen install-if packages that <paramref name="trigger"/> completes.</summary>
    private void AddTriggeredInstallIf(SolverName trigger)
    {
        foreach (var name in trigger.ReverseInstallIf)
        {
            var package = name.Chosen.Package;
            if (package is null || !name.Seen || name.ChangesetProcessed || !AreTriggersInstalled(package))
            {
                continue;
            }

            AddName(name);
        }
    }

    private static bool AreTriggersInstalled(SolverPackage package)
    {
        foreach (var trigger in package.InstallIf)
        {
            if (!trigger.IsConflict && !trigger.Name.ChangesetProcessed)
            {
                return false;
            }

            if (!trigger.IsProvidedBy(trigger.Name.Chosen))
            {
                return false;
            }
        }

        return true;
    }
}
