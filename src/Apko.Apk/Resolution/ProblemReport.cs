using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// Explains a failed solve in the layout of apk-tools 2.14's "unable to select packages" report. It lists the
/// required names that ended up without a real provider (missing, or virtual with no provider chosen automatically).
/// For each chosen package it lists the tags that mask it, the packages it collides with, and the constraints it
/// breaks and satisfies. An entry appears only when it has an item to report.
/// </summary>
internal sealed class ProblemReport
{
    /// <summary>Line width apk-tools wraps at when its output is not a terminal.</summary>
    public const int LineWidth = 50;

    private const int PresentState = 1;
    private const int MissingState = 2;
    private const int VirtualOnlyState = 4;
    private const int InstallIfState = 8;

    private readonly Solver _solver;
    private readonly HashSet<SolverPackage> _marked;
    private readonly Dictionary<SolverName, int> _nameStates = [];
    private readonly Dictionary<SolverPackage, int> _packageStates = [];
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
        var text = report._writer.ToString();
        return text.Length > 0
            ? text
            : "  The report found no broken constraint, which is a resolver defect: please report it with this "
              + "world and these repositories.\n";
    }

    private void WriteAll()
    {
        foreach (var package in _solver.InstallOrder)
        {
            _solver.Bind(package);
        }

        MarkDependencies(_solver.World);
        WriteMissingNames(_solver.World);
        foreach (var package in _solver.InstallOrder)
        {
            WritePackage(package);
            WriteMissingNames(package.Depends);
        }
    }

    private int GetState(SolverName name) => _nameStates.GetValueOrDefault(name);

    private void AddState(SolverName name, int state) => _nameStates[name] = GetState(name) | state;

    /// <summary>Marks the names that the chosen packages reached from the world really provide.</summary>
    private void MarkDependencies(IEnumerable<SolverDependency> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            if (!dependency.IsConflict)
            {
                MarkName(dependency.Name, PresentState);
            }
        }
    }

    /// <summary>
    /// Marks the chosen providers of a name and what they bring. A package that offers the name only as a virtual
    /// provide without a provider priority does not make the name present, because the solver never picks it by
    /// itself.
    /// </summary>
    private void MarkName(SolverName name, int requestedState)
    {
        foreach (var provider in name.Providers)
        {
            var package = provider.Package!;
            if (!_marked.Contains(package))
            {
                continue;
            }

            var state = requestedState;
            if (state is PresentState or InstallIfState
                && package.Package.ProviderPriority == 0 && !IsConcreteProvider(package, name))
            {
                state = VirtualOnlyState;
            }

            var packageState = _packageStates.GetValueOrDefault(package);
            if ((packageState & state) != 0)
            {
                continue;
            }

            _packageStates[package] = packageState | state;
            MarkPackage(package, state);
        }
    }

    private void MarkPackage(SolverPackage package, int state)
    {
        AddState(package.Name, state);
        foreach (var (provided, version) in package.Provides)
        {
            AddState(provided, state == InstallIfState && version is null ? VirtualOnlyState : state);
        }

        MarkDependencies(package.Depends);
        if (state is PresentState or InstallIfState)
        {
            MarkTriggeredInstallIf(package.Name);
            foreach (var (provided, _) in package.Provides)
            {
                MarkTriggeredInstallIf(provided);
            }
        }
    }

    private void MarkTriggeredInstallIf(SolverName trigger)
    {
        foreach (var name in trigger.ReverseInstallIf)
        {
            foreach (var provider in name.Providers)
            {
                var package = provider.Package!;
                if (!_marked.Contains(package) || package.InstallIf.Count == 0)
                {
                    continue;
                }

                var triggered = package.InstallIf.TrueForAll(
                    atom => atom.IsConflict != ((GetState(atom.Name) & (PresentState | InstallIfState)) != 0));
                if (triggered)
                {
                    MarkName(package.Name, InstallIfState);
                    foreach (var (provided, _) in package.Provides)
                    {
                        MarkName(provided, InstallIfState);
                    }
                }
            }
        }
    }

    private static bool IsConcreteProvider(SolverPackage package, SolverName name) =>
        package.Name == name || package.Provides.Exists(p => p.Name == name && p.Version is not null);

    private void WriteMissingNames(IEnumerable<SolverDependency> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            var name = dependency.Name;
            if (dependency.IsConflict || (GetState(name) & (InstallIfState | PresentState | MissingState)) != 0)
            {
                continue;
            }

            AddState(name, MissingState);
            WriteMissingName(name);
        }
    }

    private void WriteMissingName(SolverName name)
    {
        if (name.Providers.Length > 0)
        {
            _writer.StartEntry($"{name.Name} (virtual)");
            _writer.AddWords("note:", "please select one of the 'provided by' packages explicitly");
            _writer.EndGroup();
            WriteProvidedBy(name);
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

    /// <summary>
    /// Lists the providers of a virtual name: a package name alone when all its versions provide the name, otherwise
    /// each providing package with its version.
    /// </summary>
    private void WriteProvidedBy(SolverName name)
    {
        var references = new Dictionary<SolverName, int>();
        foreach (var provider in name.Providers)
        {
            references[provider.Package!.Name] = references.GetValueOrDefault(provider.Package.Name) + 1;
        }

        foreach (var provider in name.Providers)
        {
            var packageName = provider.Package!.Name;
            var count = references[packageName];
            if (count == packageName.Providers.Length)
            {
                _writer.AddItem("provided by:", packageName.Name);
                references[packageName] = 0;
            }
            else if (count > 0)
            {
                _writer.AddItem("provided by:", provider.Package.ToString());
                references[packageName] = count - 1;
            }
        }
    }

    /// <summary>
    /// Returns, for each name that depends on <paramref name="name"/>, the first dependency on it of the first chosen
    /// package of that name.
    /// </summary>
    private IEnumerable<(SolverPackage Package, SolverDependency Dependency)> FindMarkedDependents(SolverName name)
    {
        var visited = new HashSet<SolverPackage>();
        foreach (var reverse in name.ReverseDepends)
        {
            var dependent = reverse.Providers
                .Select(provider => provider.Package!)
                .FirstOrDefault(package => _marked.Contains(package) && !visited.Contains(package));
            if (dependent is null)
            {
                continue;
            }

            visited.Add(dependent);
            var dependency = dependent.Depends.Find(d => d.Name == name && !d.IsConflict);
            if (dependency.Name is not null)
            {
                yield return (dependent, dependency);
            }
        }
    }

    private void WritePackage(SolverPackage package)
    {
        _writer.StartEntry(package.ToString());
        WriteUninstallable(package);
        WritePinningProblems(package);
        WriteConflicts(package);
        WriteDependents(package, satisfies: false);
        if (_writer.HasWrittenEntry)
        {
            WriteDependents(package, satisfies: true);
        }
    }

    /// <summary>
    /// Explains a package that cannot be installed because an atom of its index record is invalid, as apk-tools 3
    /// reports it: an <c>error:</c> line, then the invalid atoms under the field they come from.
    /// </summary>
    private void WriteUninstallable(SolverPackage package)
    {
        if (!package.Index.IsUninstallable)
        {
            return;
        }

        _writer.AddItem("error:", "uninstallable");
        _writer.EndGroup();
        WriteInvalidAtoms("depends:", package.Index.Package.Dependencies);
        WriteInvalidAtoms("install_if:", package.Index.Package.InstallIf);
    }

    private void WriteInvalidAtoms(string label, IReadOnlyList<string> atoms)
    {
        foreach (var atom in atoms.Where(atom => !Dependency.TryParse(atom, out _)))
        {
            _writer.AddItem(label, atom);
        }

        _writer.EndGroup();
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
