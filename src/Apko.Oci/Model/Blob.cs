namespace Apko.Oci.Model;

/// <summary>A small blob held in memory (a config, manifest or index) with its descriptor.</summary>
public sealed record Blob
{
    private Blob(Descriptor descriptor, byte[] content)
    {
        Descriptor = descriptor;
        Content = content;
    }

    /// <summary>Media type, digest and size of <see cref="Content"/>.</summary>
    public Descriptor Descriptor { get; }

    /// <summary>The bytes; callers must not change them.</summary>
    public byte[] Content { get; }

    /// <summary>Creates a blob whose descriptor is computed from the bytes.</summary>
    public static Blob FromContent(string mediaType, byte[] content) => new(
        new Descriptor { MediaType = mediaType, Digest = Digest.Sha256(content), Size = content.Length },
        content);
}
