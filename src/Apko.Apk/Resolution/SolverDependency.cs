using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>A dependency atom bound to the solver's state of the name it refers to.</summary>
internal readonly record struct SolverDependency(Dependency Atom, SolverName Name)
{
    public bool IsConflict => Atom.IsConflict;

    public bool IsProvidedBy(SolverProvider provider) =>
        Atom.IsProvidedBy(provider.Package?.Package, provider.Version);
}
