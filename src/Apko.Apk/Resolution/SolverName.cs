namespace Apko.Apk.Resolution;

/// <summary>The solver's state of one package or provided name during one solve.</summary>
internal sealed class SolverName(string name)
{
    public string Name { get; } = name;

    /// <summary>Packages named so or providing the name, in index order.</summary>
    public List<SolverProvider> Providers { get; } = [];

    /// <summary>
    /// Names of discovered packages that depend on this name, and the names those packages provide, in index order
    /// of the first such package.
    /// </summary>
    public List<SolverName> ReverseDepends { get; } = [];

    /// <summary>Index position of the first package that put each <see cref="ReverseDepends"/> entry there.</summary>
    private readonly List<int> _reverseDependsOrder = [];

    /// <summary>Records that a package at <paramref name="order"/> in the index, named or providing <paramref name="name"/>, depends on this name.</summary>
    public void AddReverseDepend(SolverName name, int order)
    {
        var existing = ReverseDepends.IndexOf(name);
        if (existing >= 0)
        {
            if (_reverseDependsOrder[existing] <= order)
            {
                return;
            }

            ReverseDepends.RemoveAt(existing);
            _reverseDependsOrder.RemoveAt(existing);
        }

        var position = _reverseDependsOrder.FindIndex(other => other > order);
        position = position < 0 ? ReverseDepends.Count : position;
        ReverseDepends.Insert(position, name);
        _reverseDependsOrder.Insert(position, order);
    }

    /// <summary>Names of packages whose <c>install_if</c> mentions this name.</summary>
    public List<SolverName> ReverseInstallIf { get; } = [];

    public bool Seen { get; set; }

    /// <summary>True once a provider (or none) is chosen for good.</summary>
    public bool Locked { get; set; }

    public SolverProvider Chosen { get; set; }

    /// <summary>Number of applied constraints that require the name (conflicts do not count).</summary>
    public int Requirers { get; set; }

    /// <summary>Ordering key among unresolved names; higher is resolved first.</summary>
    public long OrderId { get; set; }

    /// <summary>True when every provider's <c>install_if</c> has failed or is empty.</summary>
    public bool NoInstallIf { get; set; }

    /// <summary>True when some provider's <c>install_if</c> is satisfied.</summary>
    public bool HasInstallIf { get; set; }

    /// <summary>True when a conflict in some <c>install_if</c> needs this name decided.</summary>
    public bool InstallIfNeeded { get; set; }

    public bool ReevaluateDepends { get; set; }

    public bool ReevaluateInstallIf { get; set; }

    /// <summary>True when more than one provider remains, or one whose pinning is not allowed.</summary>
    public bool HasOptions { get; set; }

    public bool HasAutoSelectable { get; set; }

    /// <summary>True when every discovered package that depends on the name has been decided.</summary>
    public bool ReverseDependsDone { get; set; }

    public bool ResolveNow { get; set; }

    /// <summary>Dependency merge counter of <c>ReconsiderName</c>.</summary>
    public int MergeDepends { get; set; }

    /// <summary>Provides merge counter of <c>ReconsiderName</c>.</summary>
    public int MergeProvides { get; set; }

    public bool HasVirtualProvides { get; set; }

    public LinkedListNode<SolverName>? DirtyNode { get; set; }

    /// <summary>Queue the name waits in for selection; null when it waits in none.</summary>
    public SolverQueue? Queue { get; set; }

    public LinkedListNode<SolverName>? QueueNode { get; set; }

    public bool ChangesetProcessed { get; set; }

    public override string ToString() => Name;
}
