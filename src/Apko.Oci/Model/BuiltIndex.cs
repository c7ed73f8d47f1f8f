namespace Apko.Oci.Model;

/// <summary>
/// A multi-platform image: the serialized image index and the images it lists, in the index's order. apko writes
/// an index even for one platform.
/// </summary>
public sealed record BuiltIndex
{
    private BuiltIndex(Blob index, IReadOnlyList<BuiltImage> images)
    {
        Index = index;
        Images = images;
    }

    /// <summary>The serialized image index.</summary>
    public Blob Index { get; }

    /// <summary>The images, sorted by OCI architecture and then variant.</summary>
    public IReadOnlyList<BuiltImage> Images { get; }

    /// <summary>
    /// Builds the index over the images, sorted by architecture and variant. Each entry carries the image's platform
    /// and an <c>artifactType</c> equal to the config media type, as apko's do.
    /// </summary>
    /// <exception cref="OciException">There is no image, or two images have the same platform.</exception>
    public static BuiltIndex Create(
        IReadOnlyList<BuiltImage> images,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        if (images.Count == 0)
        {
            throw ModelErrors.EmptyIndex();
        }

        var sorted = images
            .OrderBy(i => i.Platform.Architecture, StringComparer.Ordinal)
            .ThenBy(i => i.Platform.Variant ?? "", StringComparer.Ordinal)
            .ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (SamePlatform(sorted[i], sorted[i - 1]))
            {
                throw ModelErrors.DuplicatePlatform(sorted[i].Platform);
            }
        }

        var index = new ImageIndex
        {
            Manifests = sorted.Select(i => i.Manifest.Descriptor with
            {
                Platform = i.Platform,
                ArtifactType = MediaType.ImageConfig,
            }).ToArray(),
            Annotations = annotations,
        };
        return new BuiltIndex(Blob.FromContent(MediaType.ImageIndex, OciJson.Serialize(index)), sorted);
    }

    private static bool SamePlatform(BuiltImage a, BuiltImage b) =>
        a.Platform.ToString() == b.Platform.ToString();
}
