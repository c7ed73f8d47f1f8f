namespace Apko.Apk.Resolution;

/// <summary>
/// A package offering a name during one solve, with the offered version; null for a virtual name. A provider without
/// a package stands for "nothing provides the name".
/// </summary>
internal readonly record struct SolverProvider(SolverPackage? Package, string? Version)
{
    public static SolverProvider None => default;
}
