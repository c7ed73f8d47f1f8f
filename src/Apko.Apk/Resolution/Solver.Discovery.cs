namespace Apko.Apk.Resolution;

internal sealed partial class Solver
{
    private const long NoSolverFlagsOrder = 1L << 31;
    private const long HasRealPackageOrder = 1L << 30;

    /// <summary>
    /// Visits a name and everything reachable from it: the dependencies of its providers, the names they provide and
    /// the install-if packages those names trigger. Each package gets its initial pinning and availability.
    /// </summary>
    /// <remarks>
    /// NOTE: unlike apk-tools 3, discovery does not follow the other trigger names of an install-if package. Those
    /// names matter only once they are reached another way, and following them (through triggers such as
    /// <c>docs</c>) visits the whole repository, which made resolving against Alpine main ten times slower.
    /// </remarks>
    private void Discover(SolverName name)
    {
        if (name.Seen)
        {
            return;
        }

        name.Seen = true;
        name.NoInstallIf = true;
        var virtualProviders = 0;
        foreach (var provider in name.Providers)
        {
            var package = provider.Package!;
            if (!package.Seen)
            {
                DiscoverPackage(package);
            }

            name.NoInstallIf &= package.InstallIfFailed;
            virtualProviders += package.Name != name ? 1 : 0;
        }

        DiscoverRelated(name);
        var order = NoSolverFlagsOrder | (name.Providers.Length != virtualProviders ? HasRealPackageOrder : 0);
        name.OrderId = order | ++_orderCounter;
    }

    private void DiscoverPackage(SolverPackage package)
    {
        Bind(package);
        package.Seen = true;
        package.PinningAllowed = RepositoryTags.DefaultPinningMask;
        package.PinningPreferred = RepositoryTags.DefaultPinningMask;
        package.Available = package.Index.Repositories != 0;
        package.Selectable = !package.Index.IsUninstallable
            && (package.Available || package.Package.InstalledSize == 0 || package.IsInstalled);
        package.InstallIfFailed = package.InstallIf.Count == 0;
        var repositories = GetPackageRepositories(package);
        package.TagPreferred = package.Package.InstalledSize == 0 || (repositories & _defaultRepositories) != 0;
        package.TagOk = package.TagPreferred || package.IsInstalled;
        foreach (var dependency in package.Depends)
        {
            Discover(dependency.Name);
        }
    }

    private void DiscoverRelated(SolverName name)
    {
        foreach (var reverse in name.Index.ReverseInstallIf)
        {
            Discover(GetName(reverse));
        }

        foreach (var provider in name.Providers)
        {
            var package = provider.Package!;
            foreach (var reverse in package.Name.Index.ReverseInstallIf)
            {
                Discover(GetName(reverse));
            }

            foreach (var (provided, _) in package.Provides)
            {
                Discover(provided);
            }
        }
    }

    private void QueueDirty(SolverName name)
    {
        if (name.DirtyNode is not null || name.Locked || (name.Requirers == 0 && !name.ReevaluateInstallIf))
        {
            return;
        }

        name.DirtyNode = _dirty.AddLast(name);
    }

    private static bool ShouldResolveNow(SolverName name) =>
        name.ReverseDependsDone && name.Requirers > 0 && name.HasAutoSelectable && !name.HasOptions;

    /// <summary>Puts a name that needs a decision in the right selection queue, or moves it to a better one.</summary>
    private void QueueUnresolved(SolverName name, bool reevaluate)
    {
        if (name.Locked)
        {
            return;
        }

        if (name.Queue is not null)
        {
            if (name.ResolveNow)
            {
                return;
            }

            if (ShouldResolveNow(name))
            {
                name.ResolveNow = true;
            }
            else if (!reevaluate)
            {
                return;
            }

            SolverQueue.Remove(name);
        }
        else
        {
            if (name.Requirers == 0 && !name.HasInstallIf && !name.InstallIfNeeded)
            {
                return;
            }

            name.ResolveNow = ShouldResolveNow(name);
        }

        if (name.ResolveNow)
        {
            _resolveNow.Add(name);
        }
        else if (name.HasAutoSelectable)
        {
            _selectable.Add(name);
        }
        else
        {
            _unresolved.Add(name);
        }
    }

    private void ReevaluateReverseDepends(SolverName name)
    {
        foreach (var reverse in name.ReverseDepends)
        {
            if (!reverse.Seen)
            {
                continue;
            }

            reverse.ReevaluateDepends = true;
            QueueDirty(reverse);
        }
    }

    private void ReevaluateReverseInstallIf(SolverName name)
    {
        foreach (var reverse in name.ReverseInstallIf)
        {
            if (!reverse.Seen || reverse.NoInstallIf)
            {
                continue;
            }

            reverse.ReevaluateInstallIf = true;
            QueueDirty(reverse);
        }
    }

    private void ReevaluateReverseInstallIf(SolverPackage package)
    {
        ReevaluateReverseInstallIf(package.Name);
        foreach (var (provided, _) in package.Provides)
        {
            ReevaluateReverseInstallIf(provided);
        }
    }

    private void NameRequirersChanged(SolverName name)
    {
        QueueUnresolved(name, reevaluate: false);
        ReevaluateReverseInstallIf(name);
        QueueDirty(name);
    }
}
