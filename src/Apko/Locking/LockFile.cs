namespace Apko.Locking;

/// <summary>
/// An apko lock file (<c>apko.lock.json</c>, format <c>v1</c>): the configuration it was made from and the exact
/// keys, repositories and packages of every architecture.
/// </summary>
/// <param name="Version">The format version; only <c>v1</c> exists.</param>
/// <param name="Config">The configuration file and its checksum; null in locks written before apko recorded it.</param>
/// <param name="Contents">Keys, repositories and packages.</param>
internal sealed record LockFile(string Version, LockConfig? Config, LockContents Contents)
{
    /// <summary>The only format version apko writes and reads.</summary>
    public const string CurrentVersion = "v1";
}
