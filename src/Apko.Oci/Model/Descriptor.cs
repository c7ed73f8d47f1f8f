namespace Apko.Oci.Model;

/// <summary>A content descriptor: media type, digest and size of a blob, with optional platform and annotations.</summary>
public sealed record Descriptor
{
    /// <summary>Media type of the referenced content.</summary>
    public required string MediaType { get; init; }

    /// <summary>Digest of the referenced content.</summary>
    public required Digest Digest { get; init; }

    /// <summary>Size of the referenced content in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Platform of an image manifest referenced from an index; null otherwise.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Artifact type of the referenced manifest; null when not set.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>Annotations, serialized in ordinal key order; null when none.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
