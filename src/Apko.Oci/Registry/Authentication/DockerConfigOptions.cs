namespace Apko.Oci.Registry.Authentication;

/// <summary>Where the Docker config file is and where its credential helper programs are.</summary>
/// <param name="ConfigPath">Path of the config file, such as <c>~/.docker/config.json</c>, resolved by the
/// caller.</param>
public sealed record DockerConfigOptions(string ConfigPath)
{
    /// <summary>
    /// Directory of the <c>docker-credential-NAME</c> programs; null to let the operating system search the
    /// <c>PATH</c> of the process.
    /// </summary>
    public string? HelperDirectory { get; init; }
}
