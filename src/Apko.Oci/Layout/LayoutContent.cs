using System.Text;
using Apko.Oci.Layers;
using Apko.Oci.Model;

namespace Apko.Oci.Layout;

/// <summary>
/// The files of an OCI image layout for one tagged multi-platform image: <c>oci-layout</c>, the blobs, and an
/// <c>index.json</c> with a single descriptor of the image index annotated with the tag and the full reference, so
/// tools can select the image by tag.
/// </summary>
internal sealed class LayoutContent
{
    /// <summary>Annotation with the tag, which <c>oci:DIR:TAG</c> references match.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>Annotation with the full reference, which containerd and docker use as the image name.</summary>
    public const string ContainerdNameAnnotation = "io.containerd.image.name";

    // go-containerregistry writes this exact text (four-space indent, no trailing newline).
    private static readonly byte[] s_ociLayout = Encoding.UTF8.GetBytes("{\n    \"imageLayoutVersion\": \"1.0.0\"\n}");

    public LayoutContent(BuiltIndex image, ImageName name)
    {
        Image = image;
        Name = name;
        var descriptor = image.Index.Descriptor with
        {
            Annotations = new Dictionary<string, string>
            {
                [ContainerdNameAnnotation] = name.ToString(),
                [RefNameAnnotation] = name.Tag,
            },
        };
        IndexJson = OciJson.Serialize(new ImageIndex { Manifests = [descriptor] });
    }

    public BuiltIndex Image { get; }

    public ImageName Name { get; }

    public static byte[] OciLayout => s_ociLayout;

    public byte[] IndexJson { get; }

    /// <summary>Returns every blob once, ordered by digest: in-memory ones with bytes, layers with a file path.
    /// </summary>
    public IReadOnlyList<(Digest Digest, byte[]? Content, LayerBlob? Layer)> GetBlobs()
    {
        var blobs = new Dictionary<Digest, (Digest, byte[]?, LayerBlob?)>();
        AddBlob(blobs, Image.Index);
        foreach (var image in Image.Images)
        {
            AddBlob(blobs, image.Manifest);
            AddBlob(blobs, image.Config);
            foreach (var layer in image.Layers)
            {
                blobs.TryAdd(layer.Descriptor.Digest, (layer.Descriptor.Digest, null, layer));
            }
        }

        return blobs.Values.OrderBy(b => b.Item1.ToString(), StringComparer.Ordinal).ToArray();
    }

    public static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    private static void AddBlob(Dictionary<Digest, (Digest, byte[]?, LayerBlob?)> blobs, Blob blob) =>
        blobs.TryAdd(blob.Descriptor.Digest, (blob.Descriptor.Digest, blob.Content, null));
}
