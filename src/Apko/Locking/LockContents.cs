namespace Apko.Locking;

/// <summary>The <c>contents</c> block of a lock file.</summary>
/// <param name="Keyring">Keys, sorted by name, each with its PEM content.</param>
/// <param name="BuildRepositories">Build-only repositories, one entry per repository and architecture.</param>
/// <param name="RuntimeRepositories">Runtime-only repositories, one entry per repository and architecture.</param>
/// <param name="Repositories">Repositories, one entry per repository and architecture.</param>
/// <param name="Packages">Packages of every architecture, each architecture's block in install order.</param>
internal sealed record LockContents(
    IReadOnlyList<LockKeyring> Keyring,
    IReadOnlyList<LockRepository> BuildRepositories,
    IReadOnlyList<LockRepository> RuntimeRepositories,
    IReadOnlyList<LockRepository> Repositories,
    IReadOnlyList<LockPackage> Packages);
