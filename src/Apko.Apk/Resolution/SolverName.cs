namespace Apko.Apk.Resolution;

/// <summary>The solver's state of one package or provided name during one solve.</summary>
internal sealed class SolverName(IndexName index, Solver solver)
{
    public IndexName Index { get; } = index;

    public string Name => Index.Name;

    /// <summary>Packages named so or providing the name, in index order.</summary>
    public SolverProvider[] Providers { get; set; } = [];

    /// <summary>
    /// Names of packages that depend on this name, and the names they provide, among those this solve has touched.
    /// </summary>
    public SolverNameSet ReverseDepends => solver.FindNames(Index.ReverseDepends);

    /// <summary>Names of install-if packages this name triggers, among those this solve has touched.</summary>
    public SolverNameSet ReverseInstallIf => solver.FindNames(Index.ReverseInstallIf);

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

    /// <summary>Node in an arrival-order queue.</summary>
    public LinkedListNode<SolverName>? QueueNode { get; set; }

    /// <summary>Sort key in an ordered queue: the order id and the addition count when the name was added.</summary>
    public (long OrderId, long Sequence) QueueKey { get; set; }

    public bool ChangesetProcessed { get; set; }

    public override string ToString() => Name;
}
