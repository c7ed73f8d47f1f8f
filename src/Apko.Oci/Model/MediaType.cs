namespace Apko.Oci.Model;

/// <summary>Media types of the OCI image specification and their Docker counterparts.</summary>
public static class MediaType
{
    /// <summary>OCI image manifest.</summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index.</summary>
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image configuration.</summary>
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>gzip-compressed tar layer.</summary>
    public const string LayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>OCI layer, tar compressed with zstd.</summary>
    public const string LayerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>Uncompressed tar layer.</summary>
    public const string LayerTar = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>The empty JSON descriptor content <c>{}</c>, used as the config of artifacts.</summary>
    public const string EmptyJson = "application/vnd.oci.empty.v1+json";

    /// <summary>SPDX JSON document.</summary>
    public const string SpdxJson = "application/spdx+json";

    /// <summary>CycloneDX JSON document.</summary>
    public const string CycloneDxJson = "application/vnd.cyclonedx+json";

    /// <summary>Docker manifest list, read when a registry returns one.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker image manifest, read when a registry returns one.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
}
