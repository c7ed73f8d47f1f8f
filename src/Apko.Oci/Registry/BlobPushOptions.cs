namespace Apko.Oci.Registry;

/// <summary>Settings of one blob push.</summary>
public sealed record BlobPushOptions
{
    /// <summary>
    /// A repository of the same registry to mount the blob from (cross-repository mount) before uploading it;
    /// null to upload without trying.
    /// </summary>
    public string? MountFrom { get; init; }

    /// <summary>Receives the blob's progress events; null for none.</summary>
    public IProgress<PushProgress>? Progress { get; init; }
}
