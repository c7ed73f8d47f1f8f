using Apko.Apk.Indexes;
using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// A package of a <see cref="PackageIndex"/>: its metadata, the repositories that offer it and its parsed atoms. A
/// package with an atom that apk-tools 2.14 rejects (such as the version <c>6.8.0p2-r4</c>) cannot be installed, as in
/// apk-tools, but it does not stop other packages of the index from being resolved.
/// </summary>
internal sealed class IndexPackage(int id, ApkPackage package, IndexName name)
{
    private IndexDependency[]? _depends;
    private IndexDependency[]? _installIf;
    private bool _isUninstallable;

    public int Id { get; } = id;

    public ApkPackage Package { get; } = package;

    public IndexName Name { get; } = name;

    /// <summary>Bit mask of the configured repositories that offer this package.</summary>
    public ulong Repositories { get; set; }

    public bool IsInstalled { get; set; }

    /// <summary>Tag id the installed package was pinned to.</summary>
    public int InstalledTag { get; set; }

    /// <summary>Names this package provides besides its own, each with a version or null for a virtual name.</summary>
    public ArraySegment<(IndexName Name, string? Version)> Provides { get; set; } = [];

    /// <summary>Index names of the <c>D:</c> atoms, in atom order.</summary>
    public ArraySegment<IndexName> DependNames { get; set; } = [];

    /// <summary>Index names of the <c>i:</c> atoms, in atom order.</summary>
    public ArraySegment<IndexName> InstallIfNames { get; set; } = [];

    /// <summary>Parsed <c>D:</c> atoms, without invalid ones; parsed on first use.</summary>
    public IndexDependency[] Depends
    {
        get
        {
            EnsureParsed();
            return _depends!;
        }
    }

    /// <summary>Parsed <c>i:</c> atoms, without invalid ones; parsed on first use.</summary>
    public IndexDependency[] InstallIf
    {
        get
        {
            EnsureParsed();
            return _installIf!;
        }
    }

    /// <summary>True when a <c>D:</c> or <c>i:</c> atom is invalid, so the package must never be chosen.</summary>
    public bool IsUninstallable
    {
        get
        {
            EnsureParsed();
            return _isUninstallable;
        }
    }

    public override string ToString() => Package.ToString();

    /// <summary>
    /// Parses the atoms once. Concurrent solves may both parse; they store equal results, and the last field written
    /// publishes the others, so no lock is needed.
    /// </summary>
    private void EnsureParsed()
    {
        if (Volatile.Read(ref _installIf) is not null)
        {
            return;
        }

        var invalid = false;
        var depends = Parse(Package.Dependencies, DependNames, ref invalid);
        var installIf = Parse(Package.InstallIf, InstallIfNames, ref invalid);
        _isUninstallable = invalid;
        _depends = depends;
        Volatile.Write(ref _installIf, installIf);
    }

    private static IndexDependency[] Parse(IReadOnlyList<string> atoms, ArraySegment<IndexName> names, ref bool invalid)
    {
        if (atoms.Count == 0)
        {
            return [];
        }

        var parsed = new IndexDependency[atoms.Count];
        var count = 0;
        for (var i = 0; i < atoms.Count; i++)
        {
            if (Dependency.TryParse(atoms[i], out var dependency))
            {
                parsed[count++] = new IndexDependency(dependency, names[i]);
            }
            else
            {
                invalid = true;
            }
        }

        return count == parsed.Length ? parsed : parsed[..count];
    }
}
