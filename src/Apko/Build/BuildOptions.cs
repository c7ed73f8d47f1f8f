using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>
/// Everything a build needs besides the configuration file, resolved by the caller: the CLI reads the environment,
/// the clock and the current directory, the library never does.
/// </summary>
public sealed record BuildOptions
{
    /// <summary>Path of the apko YAML file, absolute or relative to <see cref="WorkingDirectory"/>.</summary>
    public required string ConfigurationPath { get; init; }

    /// <summary>Directory that relative paths in the configuration and options resolve against.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Architectures requested with <c>--arch</c>; empty means the configuration's <c>archs</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>APK name of the machine's architecture, used for <c>--arch host</c>.</summary>
    public string HostArchitecture { get; init; } = "x86_64";

    /// <summary>Extra keys (<c>-k</c>): files or URLs.</summary>
    public IReadOnlyList<string> ExtraKeyring { get; init; } = [];

    /// <summary>Extra repositories used at build time and written into the image (<c>-r</c>).</summary>
    public IReadOnlyList<string> ExtraRepositories { get; init; } = [];

    /// <summary>Extra repositories used at build time only (<c>-b</c>).</summary>
    public IReadOnlyList<string> ExtraBuildRepositories { get; init; } = [];

    /// <summary>Extra packages added to the world (<c>-p</c>).</summary>
    public IReadOnlyList<string> ExtraPackages { get; init; } = [];

    /// <summary>Annotations from <c>--annotations key:value</c>; they win over the configuration's.</summary>
    public IReadOnlyDictionary<string, string> ExtraAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Floor for the image creation time (<c>--build-date</c>); null means the Unix epoch.</summary>
    public DateTimeOffset? BuildDate { get; init; }

    /// <summary>
    /// Value of <c>SOURCE_DATE_EPOCH</c> when the variable is set; it then fixes the creation time instead of the
    /// newest package build time.
    /// </summary>
    public DateTimeOffset? SourceDateEpoch { get; init; }

    /// <summary>Directory for the build's scratch files (spooled package data, layers); they are deleted afterwards.</summary>
    public required string TemporaryDirectory { get; init; }

    /// <summary>Directory of the download cache.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Use only the cache; make no network request.</summary>
    public bool Offline { get; init; }

    /// <summary>Skip APKINDEX signature verification (<c>--ignore-signatures</c>).</summary>
    public bool IgnoreSignatures { get; init; }

    /// <summary>Extra directories searched for the configuration and its includes (<c>--include-paths</c>).</summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = [];

    /// <summary>Value for <c>vcs-url</c> probed from git by the caller (<c>--vcs</c>); null when not probed.</summary>
    public string? VcsUrl { get; init; }

    /// <summary>Lock file to install exactly from (<c>--lockfile</c>); null for a resolved build.</summary>
    public string? LockFilePath { get; init; }

    /// <summary>Size limits for indexes, control and data sections, and HTTP responses.</summary>
    public SizeLimits Limits { get; init; } = new();

    /// <summary>Credentials for package repositories, from <c>HTTP_AUTH</c>.</summary>
    public IReadOnlyList<RepositoryCredential> Credentials { get; init; } = [];

    /// <summary>Whether to write SBOMs.</summary>
    public bool Sbom { get; init; } = true;

    /// <summary>Directory the SBOMs are written to; null means beside the output.</summary>
    public string? SbomDirectory { get; init; }

    /// <summary>SBOM formats to write: <c>spdx</c> and/or <c>cyclonedx</c>.</summary>
    public IReadOnlyList<string> SbomFormats { get; init; } = ["spdx"];

    /// <summary>Version string recorded in SBOMs as the creating tool.</summary>
    public string ToolVersion { get; init; } = "devel";

    /// <summary>Maximum number of architectures and downloads processed at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Logger for milestones and detail; null for none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Where Alpine publishes its releases and their signing keys, read when the configuration has no keyring and
    /// a repository is an Alpine mirror.
    /// </summary>
    public Uri AlpineReleasesUrl { get; init; } = new("https://alpinelinux.org/releases.json");

    /// <summary>How image layers are compressed: gzip (the default) or zstd.</summary>
    public Apko.Oci.Layers.LayerCompression LayerCompression { get; init; } = Apko.Oci.Layers.LayerCompression.Gzip;

    /// <summary>The clock that decides whether a discovered Alpine key is deprecated yet.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>Limits that guard against oversized or hostile inputs; a negative value means unlimited.</summary>
/// <param name="MaxIndexSize">Largest decompressed APKINDEX, in bytes (default 300 MiB).</param>
/// <param name="MaxControlSize">Largest decompressed control section of a package, in bytes (default 10 MiB).</param>
/// <param name="MaxDataSize">Largest decompressed data section of a package, in bytes (default 16 GiB).</param>
/// <param name="MaxHttpResponseSize">Largest HTTP response body, in bytes (default 8 GiB).</param>
public sealed record SizeLimits(
    long MaxIndexSize = 300L << 20,
    long MaxControlSize = 10L << 20,
    long MaxDataSize = 16L << 30,
    long MaxHttpResponseSize = 8L << 30);

/// <summary>Basic-auth credentials for one repository host; never logged.</summary>
/// <param name="Host">Host name, optionally with a port.</param>
/// <param name="User">User name.</param>
/// <param name="Password">Password or token.</param>
public sealed record RepositoryCredential(string Host, string User, string Password)
{
    /// <summary>Returns the host and user without the password.</summary>
    public override string ToString() => $"{User}@{Host}";
}
