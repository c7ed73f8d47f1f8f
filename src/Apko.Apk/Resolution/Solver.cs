using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// One run of the dependency solver of apk-tools. It propagates constraints up and down the dependency graph and
/// locks names that have a single option. Otherwise it picks the best provider of the next unresolved name, until
/// every required name is decided. The install order then comes from a depth-first walk from the world.
/// </summary>
internal sealed partial class Solver
{
    private readonly PackageIndex _index;
    private readonly SolverNameStates _names;
    private readonly Dictionary<string, SolverName> _unknownNames = new(StringComparer.Ordinal);
    private readonly SolverPackage?[] _packages;
    private readonly LinkedList<SolverName> _dirty = new();
    private readonly SolverQueue _resolveNow = new(ordered: false);
    private readonly SolverQueue _selectable = new(ordered: true);
    private readonly SolverQueue _unresolved = new(ordered: true);
    private readonly ulong _defaultRepositories;
    private long _orderCounter;
    private ulong _pinningInherit;

    public Solver(PackageIndex index)
    {
        _index = index;
        _names = new SolverNameStates(index.NameCount);
        _packages = new SolverPackage?[index.Packages.Count];
        _defaultRepositories = index.Tags.GetAllowedRepositories(RepositoryTags.DefaultPinningMask);
    }

    /// <summary>Number of problems found; the solve failed when it is not zero.</summary>
    public int Errors { get; private set; }

    /// <summary>The world, sorted by name as apk-tools sorts it before solving.</summary>
    public List<SolverDependency> World { get; } = [];

    /// <summary>Chosen packages in install order, filled by <see cref="Solve"/>.</summary>
    public List<SolverPackage> InstallOrder { get; } = [];

    public RepositoryTags Tags => _index.Tags;

    /// <summary>Solves <paramref name="world"/> and fills <see cref="InstallOrder"/>.</summary>
    public void Solve(IReadOnlyList<Dependency> world)
    {
        BindWorld(world);
        foreach (var dependency in World)
        {
            Discover(dependency.Name);
        }

        foreach (var dependency in World)
        {
            _pinningInherit = 1UL << Tags.Find(dependency.Atom.Tag);
            ApplyConstraint(null, dependency);
        }

        _pinningInherit = 0;
        while (true)
        {
            while (_dirty.First is { } dirty)
            {
                _dirty.RemoveFirst();
                dirty.Value.DirtyNode = null;
                ReconsiderName(dirty.Value);
            }

            var next = DequeueNextName();
            if (next is null)
            {
                break;
            }

            SelectPackage(next);
        }

        GenerateInstallOrder();
    }

    /// <summary>Returns the repository bits of a package, including those its installed tag allows.</summary>
    public ulong GetPackageRepositories(SolverPackage package) =>
        package.Index.Repositories
        | (package.IsInstalled ? Tags.GetAllowedRepositories(package.Index.InstalledTag) : 0);

    private void BindWorld(IReadOnlyList<Dependency> world)
    {
        foreach (var dependency in world)
        {
            World.Add(new SolverDependency(dependency, GetName(dependency.Name)));
        }

        World.Sort((a, b) => string.CompareOrdinal(a.Name.Name, b.Name.Name));
    }

    private SolverName? DequeueNextName()
    {
        foreach (var queue in (ReadOnlySpan<SolverQueue>)[_resolveNow, _selectable, _unresolved])
        {
            if (!queue.IsEmpty)
            {
                return queue.Take();
            }
        }

        return null;
    }

    /// <summary>Returns the state of a name, creating it with its providers on first use.</summary>
    public SolverName GetName(string name) =>
        _index.FindName(name) is { } known ? GetName(known) : GetUnknownName(name);

    /// <summary>Returns the state of an index name, creating it with its providers on first use.</summary>
    public SolverName GetName(IndexName index)
    {
        if (_names.Get(index.Id) is { } known)
        {
            return known;
        }

        var created = new SolverName(index, this);
        _names.Set(index.Id, created);
        var providers = new SolverProvider[index.Providers.Count];
        for (var i = 0; i < providers.Length; i++)
        {
            providers[i] = new SolverProvider(GetPackage(index.Providers[i].Package), index.Providers[i].Version);
        }

        created.Providers = providers;
        return created;
    }

    /// <summary>Returns the states of those names that this solve has already created.</summary>
    public SolverNameSet FindNames(IndexName[] names) => new(names, _names);

    private SolverName GetUnknownName(string name)
    {
        if (!_unknownNames.TryGetValue(name, out var unknown))
        {
            unknown = new SolverName(new IndexName(name, -1), this);
            _unknownNames.Add(name, unknown);
        }

        return unknown;
    }

    private SolverPackage GetPackage(IndexPackage index)
    {
        if (_packages[index.Id] is { } known)
        {
            return known;
        }

        // Registered before its name is bound, because binding the name looks this package up again.
        var created = new SolverPackage(index);
        _packages[index.Id] = created;
        created.Name = GetName(index.Name);
        return created;
    }

    /// <summary>Binds the dependencies, provides and install-if atoms of a package to name states.</summary>
    public void Bind(SolverPackage package)
    {
        if (package.IsBound)
        {
            return;
        }

        package.IsBound = true;
        foreach (var dependency in package.Index.Depends)
        {
            package.Depends.Add(new SolverDependency(dependency.Atom, GetName(dependency.Name)));
        }

        foreach (var (name, version) in package.Index.Provides)
        {
            package.Provides.Add((GetName(name), version));
        }

        foreach (var trigger in package.Index.InstallIf)
        {
            package.InstallIf.Add(new SolverDependency(trigger.Atom, GetName(trigger.Name)));
        }
    }
}
