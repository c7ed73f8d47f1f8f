using Apko.Oci.Model;

namespace Apko.Oci.Layout;

/// <summary>
/// The <c>manifest.json</c> that <c>docker save</c> writes and <c>docker load</c> reads: one entry per image with
/// its config path, repository tags and layer paths.
/// </summary>
internal static class DockerManifest
{
    /// <summary>
    /// Serializes the entries. One image is tagged <c>NAME:TAG</c>; several are tagged <c>NAME:TAG-ARCH</c> with the
    /// OCI architecture, as apko tags them, and <c>NAME:TAG-ARCH_VARIANT</c> where two images share an architecture.
    /// </summary>
    public static byte[] Serialize(LayoutContent content)
    {
        var images = content.Image.Images;
        var json = new CompactJsonWriter();
        json.StartArray();
        foreach (var image in images)
        {
            json.StartObject();
            json.WriteString("Config", LayoutContent.BlobPath(image.Config.Descriptor.Digest));
            json.WriteStringArray("RepoTags", [TagFor(content.Name, image.Platform, images)]);
            json.WriteStringArray("Layers", image.Layers.Select(l => LayoutContent.BlobPath(l.Descriptor.Digest)));
            json.EndObject();
        }

        json.EndArray();
        return json.ToUtf8Bytes();
    }

    private static string TagFor(ImageName name, Platform platform, IReadOnlyList<BuiltImage> images)
    {
        if (images.Count == 1)
        {
            return name.ToString();
        }

        var suffix = platform.Architecture;
        var shared = images.Count(i => i.Platform.Architecture == platform.Architecture) > 1;
        if (shared && platform.Variant is not null)
        {
            suffix += "_" + platform.Variant;
        }

        return $"{name}-{suffix}";
    }
}
