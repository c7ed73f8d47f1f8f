using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>
/// A package of a <see cref="PackageIndex"/>: its metadata, the repositories that offer it and its parsed atoms. A
/// package with an atom that apk-tools 2.14 rejects (such as the version <c>6.8.0p2-r4</c>) cannot be installed, as in
/// apk-tools, but it does not stop other packages of the index from being resolved.
/// </summary>
internal sealed class IndexPackage(int id, ApkPackage package, IndexName name)
{
    public int Id { get; } = id;

    public ApkPackage Package { get; } = package;

    public IndexName Name { get; } = name;

    /// <summary>Bit mask of the configured repositories that offer this package.</summary>
    public ulong Repositories { get; set; }

    public bool IsInstalled { get; set; }

    /// <summary>Tag id the installed package was pinned to.</summary>
    public int InstalledTag { get; set; }

    /// <summary>Names this package provides besides its own, each with a version or null for a virtual name.</summary>
    public (IndexName Name, string? Version)[] Provides { get; set; } = [];

    /// <summary>Parsed <c>D:</c> atoms, without invalid ones.</summary>
    public IndexDependency[] Depends { get; set; } = [];

    /// <summary>Parsed <c>i:</c> atoms, without invalid ones.</summary>
    public IndexDependency[] InstallIf { get; set; } = [];

    /// <summary>True when a <c>D:</c> or <c>i:</c> atom is invalid, so the package must never be chosen.</summary>
    public bool IsUninstallable { get; set; }

    public override string ToString() => Package.ToString();
}
