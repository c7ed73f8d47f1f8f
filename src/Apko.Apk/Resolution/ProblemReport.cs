namespace Apko.Apk.Resolution;

/// <summary>
/// Explains a failed solve in the layout of apk-tools 2.14's "unable to select packages" report: first every
/// required name that got no package (missing, or virtual with several candidates), then every chosen package in
/// error with the tags that mask it, the packages it collides with, and the constraints it breaks and satisfies.
/// </summary>
internal sealed class ProblemReport
{
    /// <summary>Line width apk-tools wraps at when its output is not a terminal.</summary>
    public const int LineWidth = 50;

    private const int PresentState = 1;
    private const int MissingState = 2;

    private readonly Solver _solver;
    private readonly HashSet<SolverPackage> _marked;
    private readonly ReportWriter _writer = new(LineWidth);

    private ProblemReport(Solver solver)
    {
        _solver = solver;
        _marked = [.. solver.InstallOrder];
    }

    /// <summary>Returns the report of a solve that found errors.</summary>
    public static string Write(Solver solver)
    {
        var report = new ProblemReport(solver);
        report.WriteAll();
        return report._writer.ToString();
    }

    private void WriteAll()
    {
        foreach (var package in _solver.InstallOrder)
        {
            _solver.Bind(package);
            package.Name.ReportState |= PresentState;
            foreach (var (provided, _) in package.Provides)
            {
                provided.ReportState |= PresentState;
            }
        }

        WriteMissingNames(_solver.World);
        foreach (var package in _solver.InstallOrder)
        {
            WriteMissingNames(package.Depends);
        }

        foreach (var package in _solver.InstallOrder)
        {
            if (package.Error)
            {
                WritePackage(package);
            }
        }
    }

    private void WriteMissingNames(IEnumerable<SolverDependency> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            var name = dependency.Name;
            if (dependency.IsConflict || (name.ReportState & (PresentState | MissingState)) != 0)
            {
                continue;
            }

            name.ReportState |= MissingState;
            WriteMissingName(name);
        }
    }

    private void WriteMissingName(SolverName name)
    {
        if (name.Providers.Count > 0)
        {
            _writer.StartEntry($"{name.Name} (virtual)");
            _writer.AddWords("note:", "please select one of the 'provided by' packages explicitly");
            _writer.EndGroup();
            foreach (var providerName in name.Providers.Select(p => p.Package!.Name.Name).Distinct())
            {
                _writer.AddItem("provided by:", providerName);
            }

            _writer.EndGroup();
        }
        else
        {
            _writer.StartEntry($"{name.Name} (no such package)");
        }

        foreach (var dependency in _solver.World)
        {
            if (dependency.Name == name && !dependency.IsConflict)
            {
                _writer.AddItem("required by:", $"world[{dependency.Atom}]");
            }
        }

        foreach (var (package, dependency) in FindMarkedDependents(name))
        {
            if (!dependency.IsConflict)
            {
                _writer.AddItem("required by:", $"{package}[{dependency.Atom}]");
            }
        }

        _writer.EndGroup();
    }

    /// <summary>Returns the first dependency on <paramref name="name"/> of each chosen package that has one.</summary>
    private IEnumerable<(SolverPackage Package, SolverDependency Dependency)> FindMarkedDependents(SolverName name)
    {
        var visited = new HashSet<SolverPackage>();
        foreach (var reverse in name.ReverseDepends)
        {
            foreach (var provider in reverse.Providers)
            {
                var package = provider.Package!;
                if (!_marked.Contains(package) || !visited.Add(package))
                {
                    continue;
                }

                foreach (var dependency in package.Depends)
                {
                    if (dependency.Name == name && !dependency.IsConflict)
                    {
                        yield return (package, dependency);
                        break;
                    }
                }
            }
        }
    }

    private void WritePackage(SolverPackage package)
    {
        _writer.StartEntry(package.ToString());
        WritePinningProblems(package);
        WriteConflicts(package);
        WriteDependents(package, satisfies: false);
        if (_writer.HasWrittenEntry)
        {
            WriteDependents(package, satisfies: true);
        }
    }

    private void WritePinningProblems(SolverPackage package)
    {
        if (package.IsInstalled)
        {
            return;
        }

        var tags = _solver.Tags;
        var repositories = package.Index.Repositories;
        var tag = tags.FindTag(package.PinningAllowed, _solver.GetPackageRepositories(package));
        var allowed = tags.GetAllowedRepositories(RepositoryTags.DefaultPinningMask | (1UL << tag));
        if ((repositories & allowed) != 0)
        {
            return;
        }

        for (var id = 0; id < tags.Count; id++)
        {
            if ((repositories & tags.GetAllowedRepositories(id)) != 0)
            {
                _writer.AddItem("masked in:", "@" + tags.GetName(id));
            }
        }

        _writer.EndGroup();
    }

    private void WriteConflicts(SolverPackage package)
    {
        foreach (var provider in package.Name.Providers)
        {
            if (provider.Package != package && _marked.Contains(provider.Package!))
            {
                _writer.AddItem("conflicts:", provider.Package!.ToString());
            }
        }

        foreach (var (provided, version) in package.Provides)
        {
            var skippedSelf = false;
            foreach (var provider in provided.Providers)
            {
                if (!_marked.Contains(provider.Package!) || (version is null && provider.Version is null))
                {
                    continue;
                }

                if (!skippedSelf && provider.Package == package && provider.Version == version)
                {
                    skippedSelf = true;
                    continue;
                }

                var atom = version is null ? provided.Name : $"{provided.Name}={version}";
                _writer.AddItem("conflicts:", $"{provider.Package}[{atom}]");
            }
        }

        _writer.EndGroup();
    }

    /// <summary>Lists the world atoms and chosen packages' dependencies that the package satisfies or breaks.</summary>
    private void WriteDependents(SolverPackage package, bool satisfies)
    {
        var label = satisfies ? "satisfies:" : "breaks:";
        foreach (var dependency in _solver.World)
        {
            if (Analyze(dependency, package) == satisfies)
            {
                _writer.AddItem(label, $"world[{dependency.Atom}]");
            }
        }

        var visited = new HashSet<SolverPackage>();
        WriteReverseDependents(package.Name, package, label, satisfies, visited);
        foreach (var (provided, _) in package.Provides)
        {
            WriteReverseDependents(provided, package, label, satisfies, visited);
        }

        _writer.EndGroup();
    }

    private void WriteReverseDependents(
        SolverName name,
        SolverPackage package,
        string label,
        bool satisfies,
        HashSet<SolverPackage> visited)
    {
        foreach (var reverse in name.ReverseDepends)
        {
            foreach (var provider in reverse.Providers)
            {
                var dependent = provider.Package!;
                if (!_marked.Contains(dependent) || !visited.Add(dependent))
                {
                    continue;
                }

                foreach (var dependency in dependent.Depends)
                {
                    if (Analyze(dependency, package) == satisfies)
                    {
                        _writer.AddItem(label, $"{dependent}[{dependency.Atom}]");
                    }
                }
            }
        }
    }

    /// <summary>Returns whether the package satisfies the atom, or null when the atom is about another name.</summary>
    private static bool? Analyze(SolverDependency dependency, SolverPackage package)
    {
        if (dependency.Name == package.Name)
        {
            return dependency.IsProvidedBy(new SolverProvider(package, package.Package.Version));
        }

        foreach (var (provided, version) in package.Provides)
        {
            if (provided == dependency.Name)
            {
                return dependency.IsProvidedBy(new SolverProvider(package, version));
            }
        }

        return null;
    }
}
