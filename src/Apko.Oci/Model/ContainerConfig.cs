namespace Apko.Oci.Model;

/// <summary>
/// The execution parameters in an image config's <c>config</c> object. Null and empty members are omitted from the
/// JSON; maps are written in ordinal key order.
/// </summary>
public sealed record ContainerConfig
{
    /// <summary>Default arguments to the entrypoint.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Command run when the container starts.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Environment as <c>NAME=value</c> entries, written in the order given.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>Labels by key.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>User (and optionally group) the process runs as, such as <c>65532</c> or <c>nonroot:nonroot</c>.
    /// </summary>
    public string? User { get; init; }

    /// <summary>Paths of volumes, written as the keys of the <c>Volumes</c> object.</summary>
    public IReadOnlyList<string>? Volumes { get; init; }

    /// <summary>Working directory of the process.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Exposed ports such as <c>8080/tcp</c>, written as the keys of the <c>ExposedPorts</c> object.</summary>
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>Signal that stops the container, such as <c>SIGTERM</c>.</summary>
    public string? StopSignal { get; init; }
}
