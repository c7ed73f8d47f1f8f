namespace Apko.Apk.Resolution;

/// <summary>
/// A package or provided name of a <see cref="PackageIndex"/>, with what refers to it, computed once per index.
/// </summary>
internal sealed class IndexName(string name, int id)
{
    public string Name { get; } = name;

    /// <summary>Position in <see cref="PackageIndex.Names"/>; -1 for a name the index does not know.</summary>
    public int Id { get; } = id;

    /// <summary>Packages named so or providing the name, in index order.</summary>
    public List<IndexProvider> Providers { get; } = [];

    /// <summary>
    /// Names of packages that depend on this name, and the names those packages provide, in index order of the first
    /// such package, as apk-tools lists them.
    /// </summary>
    public List<IndexName> ReverseDepends { get; } = [];

    /// <summary>
    /// Names of packages whose <c>install_if</c> mentions this name, and the names those packages provide.
    /// </summary>
    public List<IndexName> ReverseInstallIf { get; } = [];

    public override string ToString() => Name;
}
