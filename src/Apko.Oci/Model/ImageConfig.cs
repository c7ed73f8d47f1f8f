namespace Apko.Oci.Model;

/// <summary>An OCI image configuration (media type <c>application/vnd.oci.image.config.v1+json</c>).</summary>
public sealed record ImageConfig
{
    /// <summary>OCI architecture, such as <c>amd64</c>.</summary>
    public required string Architecture { get; init; }

    /// <summary>Operating system.</summary>
    public string Os { get; init; } = "linux";

    /// <summary>CPU variant such as <c>v7</c>; omitted when null.</summary>
    public string? Variant { get; init; }

    /// <summary>Operating system version; omitted when null.</summary>
    public string? OsVersion { get; init; }

    /// <summary>Required operating system features; omitted when null or empty.</summary>
    public IReadOnlyList<string>? OsFeatures { get; init; }

    /// <summary>Author of the image; omitted when null or empty.</summary>
    public string? Author { get; init; }

    /// <summary>Creation time, always written.</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>One entry per step; omitted when empty.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>Digests of the uncompressed layers, bottom first (<c>rootfs.diff_ids</c>).</summary>
    public IReadOnlyList<Digest> DiffIds { get; init; } = [];

    /// <summary>Execution parameters (<c>config</c>), always written.</summary>
    public ContainerConfig Config { get; init; } = new();

    /// <summary>The platform this configuration declares.</summary>
    public Platform Platform => new(Architecture, Os, Variant, OsFeatures is { Count: > 0 } ? OsFeatures : null);
}
