using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>
/// The parsed apko YAML configuration (<c>apko.yaml</c>) of one image: what to install and how the image is
/// configured. Field names and meanings follow apko's schema; unset strings are empty, unset lists are empty.
/// </summary>
public sealed record ImageConfiguration
{
    /// <summary>An empty configuration, the starting point for merges and tests.</summary>
    public static ImageConfiguration Empty { get; } = new();

    /// <summary>The packages, repositories and keys (<c>contents</c>).</summary>
    public ImageContents Contents { get; init; } = ImageContents.Empty;

    /// <summary>The OCI entrypoint or s6 service bundle (<c>entrypoint</c>).</summary>
    public ImageEntrypoint Entrypoint { get; init; } = ImageEntrypoint.Empty;

    /// <summary>The command line split into the OCI <c>Cmd</c> (<c>cmd</c>); empty when unset.</summary>
    public string Cmd { get; init; } = "";

    /// <summary>The OCI <c>StopSignal</c> (<c>stop-signal</c>); empty when unset.</summary>
    public string StopSignal { get; init; } = "";

    /// <summary>The OCI <c>WorkingDir</c> (<c>work-dir</c>); empty when unset.</summary>
    public string WorkDir { get; init; } = "";

    /// <summary>Users, groups and the user to run as (<c>accounts</c>).</summary>
    public ImageAccounts Accounts { get; init; } = ImageAccounts.Empty;

    /// <summary>The architectures to build when <c>--arch</c> is not given (<c>archs</c>), as written.</summary>
    public ImmutableArray<Architecture> Archs { get; init; } = [];

    /// <summary>Environment variables of the image (<c>environment</c>), ordered by key.</summary>
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = StringMaps.Empty;

    /// <summary>Filesystem mutations applied in order after the packages are installed (<c>paths</c>).</summary>
    public ImmutableArray<PathMutation> Paths { get; init; } = [];

    /// <summary>The source repository as <c>url@commit</c> (<c>vcs-url</c>); empty when unset.</summary>
    public string VcsUrl { get; init; } = "";

    /// <summary>Manifest, index and config label annotations (<c>annotations</c>), ordered by key.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = StringMaps.Empty;

    /// <summary>The included configuration file as written (<c>include</c>); empty when unset.</summary>
    public string Include { get; init; } = "";

    /// <summary>The OCI <c>Volumes</c> (<c>volumes</c>).</summary>
    public ImmutableArray<string> Volumes { get; init; } = [];

    /// <summary>Multi-layer output settings (<c>layering</c>); <see langword="null"/> when absent.</summary>
    public Layering? Layering { get; init; }

    /// <summary>The layer payload format (<c>format</c>): <c>tar</c>, or empty for the default (tar).</summary>
    public string Format { get; init; } = "";

    /// <summary>Extra CA certificates (<c>certificates</c>); <see langword="null"/> when absent.</summary>
    public ImageCertificates? Certificates { get; init; }
}
