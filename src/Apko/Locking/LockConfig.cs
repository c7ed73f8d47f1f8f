namespace Apko.Locking;

/// <summary>The <c>config</c> block of a lock file.</summary>
/// <param name="Name">The configuration path as given on the command line; null when absent.</param>
/// <param name="Checksum">
/// <c>sha256-</c> and the base64 SHA-256 of the configuration and its includes; null when absent.
/// </param>
internal sealed record LockConfig(string? Name, string? Checksum);
