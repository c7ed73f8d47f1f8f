namespace Apko.Apk.Resolution;

/// <summary>
/// The outcome of resolving a world: every package to install, each after the packages it depends on.
/// </summary>
/// <param name="Packages">Packages in install order; dependency cycles are broken as apk-tools breaks them.</param>
public sealed record ResolutionResult(IReadOnlyList<ResolvedPackage> Packages);
