namespace Apko.Oci.Layers;

/// <summary>Settings of <see cref="LayerWriter"/>. None of them changes the bytes written.</summary>
public sealed record LayerWriterOptions
{
    /// <summary>Maximum number of chunks compressed at the same time; at least 1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How the layer tar is compressed; gzip unless zstd is asked for.</summary>
    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;
}
