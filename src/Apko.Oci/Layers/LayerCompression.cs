namespace Apko.Oci.Layers;

/// <summary>The compression of a layer tar, which also sets the layer's media type.</summary>
public enum LayerCompression
{
    /// <summary>gzip (<c>tar+gzip</c>), which every runtime reads.</summary>
    Gzip,

    /// <summary>zstd (<c>tar+zstd</c>): usually smaller and faster to unpack, but older runtimes cannot read it.
    /// </summary>
    Zstd,
}
