namespace Apko.Oci.Model;

/// <summary>An OCI image manifest (schema version 2, media type <see cref="MediaType.ImageManifest"/>).</summary>
public sealed record Manifest
{
    /// <summary>Descriptor of the image config.</summary>
    public required Descriptor Config { get; init; }

    /// <summary>Descriptors of the layers, bottom first.</summary>
    public required IReadOnlyList<Descriptor> Layers { get; init; }

    /// <summary>Annotations, written in ordinal key order; omitted when null or empty.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The manifest this one refers to (referrers API); omitted when null.</summary>
    public Descriptor? Subject { get; init; }
}
