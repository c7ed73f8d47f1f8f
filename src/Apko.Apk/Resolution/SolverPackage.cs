using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>The solver's state of one package during one solve.</summary>
internal sealed class SolverPackage(IndexPackage index)
{
    public IndexPackage Index { get; } = index;

    public ApkPackage Package => Index.Package;

    public SolverName Name { get; set; } = null!;

    /// <summary>True once the atoms are bound to name states.</summary>
    public bool IsBound { get; set; }

    public List<SolverDependency> Depends { get; } = [];

    public List<SolverDependency> InstallIf { get; } = [];

    /// <summary>Names the package provides besides its own, with versions; null for virtual names.</summary>
    public List<(SolverName Name, string? Version)> Provides { get; } = [];

    public bool IsInstalled => Index.IsInstalled;

    public bool Seen { get; set; }

    /// <summary>Bit mask of tags whose repositories may supply the package.</summary>
    public ulong PinningAllowed { get; set; }

    /// <summary>Bit mask of tags that world atoms name directly.</summary>
    public ulong PinningPreferred { get; set; }

    /// <summary>True while the package may still be chosen.</summary>
    public bool Selectable { get; set; }

    /// <summary>True when the package can be fetched from a repository.</summary>
    public bool Available { get; set; }

    public bool InstallIfFailed { get; set; }

    public bool InstallIfTriggered { get; set; }

    public bool TagPreferred { get; set; }

    public bool TagOk { get; set; }

    /// <summary>Number of applied constraints this package does not satisfy.</summary>
    public int Conflicts { get; set; }

    public bool DependenciesMerged { get; set; }

    public bool DependenciesUsed { get; set; }

    public bool Error { get; set; }

    public bool InChangeset { get; set; }

    public override string ToString() => Package.ToString();
}
