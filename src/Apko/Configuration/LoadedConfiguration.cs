namespace Apko.Configuration;

/// <summary>A loaded, merged and validated configuration with its checksum for the lock file.</summary>
/// <param name="Configuration">
/// The merged configuration with apko's defaults applied (service-bundle command and <c>s6</c>, home directories).
/// </param>
/// <param name="Files">The absolute path of the configuration file and of each included file, in load order.</param>
/// <param name="Checksum">
/// <c>sha256-</c> and the base64 SHA-256 of all files in load order with CRLF line endings read as LF, so a checkout
/// with Windows line endings gives the same value. This is the value written to lock files.
/// </param>
/// <param name="RawChecksum">The same hash over the bytes as stored, which is what apko computes.</param>
public sealed record LoadedConfiguration(
    ImageConfiguration Configuration,
    IReadOnlyList<string> Files,
    string Checksum,
    string RawChecksum);
