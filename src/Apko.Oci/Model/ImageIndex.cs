namespace Apko.Oci.Model;

/// <summary>An OCI image index (schema version 2, media type <see cref="MediaType.ImageIndex"/>).</summary>
public sealed record ImageIndex
{
    /// <summary>Descriptors of the manifests, in the order written.</summary>
    public required IReadOnlyList<Descriptor> Manifests { get; init; }

    /// <summary>Annotations, written in ordinal key order; omitted when null or empty.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The manifest this one refers to (referrers API); omitted when null.</summary>
    public Descriptor? Subject { get; init; }
}
