using Apko.Oci.Layers;

namespace Apko.Oci.Model;

/// <summary>
/// A single-platform image ready to be written or pushed: its serialized config and manifest with their
/// descriptors, and its layer files. Digests follow from the bytes, so a changed value is a new image.
/// </summary>
public sealed record BuiltImage
{
    private BuiltImage(Platform platform, Blob config, Blob manifest, IReadOnlyList<LayerBlob> layers)
    {
        Platform = platform;
        Config = config;
        Manifest = manifest;
        Layers = layers;
    }

    /// <summary>The platform the config declares.</summary>
    public Platform Platform { get; }

    /// <summary>The serialized image config.</summary>
    public Blob Config { get; }

    /// <summary>The serialized image manifest.</summary>
    public Blob Manifest { get; }

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<LayerBlob> Layers { get; }

    /// <summary>
    /// Builds the config and the manifest that refers to it and to the layers. The config's <c>rootfs.diff_ids</c>
    /// are replaced by the layers' diff IDs.
    /// </summary>
    public static BuiltImage Create(
        ImageConfig config,
        IReadOnlyList<LayerBlob> layers,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var configBlob = Blob.FromContent(
            MediaType.ImageConfig,
            OciJson.Serialize(config with { DiffIds = layers.Select(l => l.DiffId).ToArray() }));
        var manifest = new Manifest
        {
            Config = configBlob.Descriptor,
            Layers = layers.Select(l => l.Descriptor).ToArray(),
            Annotations = annotations,
        };
        var manifestBlob = Blob.FromContent(MediaType.ImageManifest, OciJson.Serialize(manifest));
        return new BuiltImage(config.Platform, configBlob, manifestBlob, layers.ToArray());
    }
}
