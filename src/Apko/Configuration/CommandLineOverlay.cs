namespace Apko.Configuration;

/// <summary>The command-line flags that change a loaded configuration, as the CLI parsed them.</summary>
public sealed record CommandLineOverlay
{
    /// <summary>The architecture <c>--arch host</c> stands for: the machine the build runs on.</summary>
    public required Architecture HostArchitecture { get; init; }

    /// <summary>Repositories added for the build and the image (<c>-r</c>, <c>--repository-append</c>).</summary>
    public IReadOnlyList<string> RepositoryAppend { get; init; } = [];

    /// <summary>Repositories added for the build only (<c>-b</c>, <c>--build-repository-append</c>).</summary>
    public IReadOnlyList<string> BuildRepositoryAppend { get; init; } = [];

    /// <summary>Key files or URLs added to the keyring (<c>-k</c>, <c>--keyring-append</c>).</summary>
    public IReadOnlyList<string> KeyringAppend { get; init; } = [];

    /// <summary>Package constraints added to the world (<c>-p</c>, <c>--package-append</c>).</summary>
    public IReadOnlyList<string> PackageAppend { get; init; } = [];

    /// <summary>The architectures to build (<c>--arch</c>); empty means the configuration's <c>archs</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>Annotations as <c>KEY:VALUE</c> (<c>--annotations</c>); they win over the configuration's.</summary>
    public IReadOnlyList<string> Annotations { get; init; } = [];

    /// <summary>
    /// The <c>url@commit</c> of the source, probed with <c>--vcs</c>; <see langword="null"/> keeps the configuration's.
    /// </summary>
    public string? VcsUrl { get; init; }
}
