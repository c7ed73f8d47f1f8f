using Apko.Oci.Layout;
using Apko.Oci.Model;

namespace Apko.Oci.Tests.Layout;

/// <summary>The sample image written as an OCI layout in a temporary directory, for tests that run tools on it.
/// </summary>
internal sealed class PublishedLayout : IDisposable
{
    private readonly TemporaryDirectory _work;

    private PublishedLayout(TemporaryDirectory work, BuiltIndex image)
    {
        _work = work;
        Image = image;
    }

    public BuiltIndex Image { get; }

    public string WorkPath => _work.Path;

    public string LayoutPath => Path.Combine(_work.Path, "layout");

    /// <summary>The skopeo reference of the image in the layout, by tag.</summary>
    public string OciReference => $"oci:{LayoutPath}:1.0";

    public static async Task<PublishedLayout> CreateAsync()
    {
        var work = new TemporaryDirectory();
        var layout = new PublishedLayout(work, await SampleImage.BuildAsync(work.Path));
        Directory.CreateDirectory(layout.LayoutPath);
        await OciLayoutWriter.WriteAsync(
            layout.Image,
            layout.LayoutPath,
            SampleImage.Reference,
            TestContext.Current.CancellationToken);
        return layout;
    }

    public string BlobPath(Blob blob) => Path.Combine(LayoutPath, "blobs", "sha256", blob.Descriptor.Digest.Encoded);

    public void Dispose() => _work.Dispose();
}
