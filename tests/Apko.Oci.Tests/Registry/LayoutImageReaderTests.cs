using System.Security.Cryptography;
using System.Text;
using Apko.Oci.Registry;
using Apko.Testing.Registry;

namespace Apko.Oci.Tests.Registry;

public sealed class LayoutImageReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_IndexDescriptorIsRoot()
    {
        var layout = TestImageLayout.Create(_temp.Path("layout"), "reader", ["amd64", "arm64"]);

        var image = await LayoutImageReader.ReadAsync(layout.Directory, Token);

        Assert.Equal(layout.IndexDigest, image.Root.Descriptor.Digest.ToString());
        Assert.Equal([.. layout.ManifestDigests, layout.IndexDigest],
            image.Manifests.Select(m => m.Descriptor.Digest.ToString()));
        Assert.Equal(layout.BlobDigests.Order(), image.Blobs.Select(b => b.Digest.ToString()).Order());
    }

    [Fact]
    public async Task ReadAsync_IndexJsonListingManifestsIsRoot()
    {
        var layout = TestImageLayout.Create(_temp.Path("layout"), "apko-style", ["amd64", "arm64"]);
        var index = await File.ReadAllBytesAsync(layout.BlobPath(layout.IndexDigest), Token);
        await File.WriteAllBytesAsync(Path.Combine(layout.Directory, "index.json"), index, Token);

        var image = await LayoutImageReader.ReadAsync(layout.Directory, Token);

        Assert.Equal(layout.IndexDigest, image.Root.Descriptor.Digest.ToString());
        Assert.Equal(2, image.Root.Children.Count);
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "missing-index", "'index.json' cannot be read" },
        { "index-not-json", "'index.json' is not valid JSON" },
        { "index-without-manifests", "'index.json' has no 'manifests' array" },
        { "manifest-changed", "does not match its digest" },
        { "layer-truncated", "but its descriptor declares" },
        { "config-missing", "is missing" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task ReadAsync_CorruptLayoutRejected(string corruption, string problem)
    {
        var layout = TestImageLayout.Create(_temp.Path("layout"), corruption, ["amd64"]);
        await CorruptAsync(layout, corruption);

        var error = await Assert.ThrowsAsync<OciException>(() => LayoutImageReader.ReadAsync(layout.Directory, Token));

        Assert.Equal("APKO5009", error.Code);
        var expected = $"The OCI image layout '{layout.Directory}' is invalid";
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static async Task CorruptAsync(TestImageLayout layout, string corruption)
    {
        var indexJson = Path.Combine(layout.Directory, "index.json");
        switch (corruption)
        {
            case "missing-index":
                File.Delete(indexJson);
                break;
            case "index-not-json":
                await File.WriteAllTextAsync(indexJson, "{\"manifests\": [", Token);
                break;
            case "index-without-manifests":
                await File.WriteAllTextAsync(indexJson, "{\"schemaVersion\": 2}", Token);
                break;
            case "manifest-changed":
                await File.AppendAllTextAsync(layout.BlobPath(layout.ManifestDigests[0]), " ", Token);
                await RewriteIndexSizeAsync(layout);
                break;
            case "layer-truncated":
                var layer = layout.BlobPath(layout.BlobDigests[0]);
                await File.WriteAllBytesAsync(layer, (await File.ReadAllBytesAsync(layer, Token))[..10], Token);
                break;
            case "config-missing":
                File.Delete(layout.BlobPath(layout.BlobDigests[^1]));
                break;
        }
    }

    // Keeps the size of the changed manifest right, so that the digest check is what fails.
    private static async Task RewriteIndexSizeAsync(TestImageLayout layout)
    {
        var manifest = layout.BlobPath(layout.ManifestDigests[0]);
        var size = new FileInfo(manifest).Length;
        var indexPath = layout.BlobPath(layout.IndexDigest);
        var index = (await File.ReadAllTextAsync(indexPath, Token))
            .Replace($"\"size\":{size - 1}", $"\"size\":{size}", StringComparison.Ordinal);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(index)));
        await File.WriteAllTextAsync(layout.BlobPath(digest), index, Token);
        var indexJson = Path.Combine(layout.Directory, "index.json");
        var text = (await File.ReadAllTextAsync(indexJson, Token))
            .Replace(layout.IndexDigest, digest, StringComparison.Ordinal);
        await File.WriteAllTextAsync(indexJson, text, Token);
    }
}
