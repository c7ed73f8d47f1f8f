namespace Apko.Oci.Registry;

/// <summary>Settings of an <see cref="ImagePusher"/> push.</summary>
public sealed record PushOptions
{
    /// <summary>Blobs pushed at the same time.</summary>
    public int MaxConcurrentUploads { get; init; } = 4;

    /// <summary>Receives progress events of blobs, manifests and tags; null for none.</summary>
    public IProgress<PushProgress>? Progress { get; init; }

    /// <summary>
    /// File to write after a successful push: one digest reference per line, the per-architecture manifests
    /// first and the pushed index last (apko's <c>--image-refs</c>); null to write none.
    /// </summary>
    public string? ImageRefsPath { get; init; }
}
