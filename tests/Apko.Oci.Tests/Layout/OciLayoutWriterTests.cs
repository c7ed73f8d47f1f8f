using System.Text;
using System.Text.Json;
using Apko.Oci.Layout;
using Apko.Oci.Model;
using Apko.Oci.Tests.Model;

namespace Apko.Oci.Tests.Layout;

public sealed class OciLayoutWriterTests
{
    [Fact]
    public async Task WriteAsync_LayoutPassesValidator()
    {
        using var work = new TemporaryDirectory();
        var output = Directory.CreateDirectory(Path.Combine(work.Path, "out")).FullName;
        var image = await SampleImage.BuildAsync(work.Path);

        await OciLayoutWriter.WriteAsync(image, output, SampleImage.Reference, Token);

        Assert.Empty(await OciLayoutValidator.ValidateAsync(output, Token));
        Assert.Equal(3 + 3 + 3 + 1, Directory.GetFiles(Path.Combine(output, "blobs", "sha256")).Length);
    }

    [Fact]
    public async Task WriteAsync_IndexJsonNamesTheImageIndex()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);

        await OciLayoutWriter.WriteAsync(image, work.Path, "registry.local:5000/app:v2", Token);

        var indexJson = await File.ReadAllTextAsync(Path.Combine(work.Path, "index.json"), Token);
        Assert.Equal(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
            + "\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + $"\"size\":{image.Index.Descriptor.Size},\"digest\":\"{image.Index.Descriptor.Digest}\","
            + "\"annotations\":{\"io.containerd.image.name\":\"registry.local:5000/app:v2\","
            + "\"org.opencontainers.image.ref.name\":\"v2\"}}]}",
            indexJson);
        Assert.Equal(
            "{\n    \"imageLayoutVersion\": \"1.0.0\"\n}",
            await File.ReadAllTextAsync(Path.Combine(work.Path, "oci-layout"), Token));
    }

    [Fact]
    public async Task WriteAsync_IndexListsPlatformsSorted()
    {
        using var work = new TemporaryDirectory();

        var image = await SampleImage.BuildAsync(work.Path);

        using var index = JsonDocument.Parse(image.Index.Content);
        var platforms = index.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(m => m.GetProperty("platform"))
            .Select(p => p.GetProperty("architecture").GetString()
                + (p.TryGetProperty("variant", out var v) ? "/" + v : ""))
            .ToArray();
        Assert.Equal(["amd64", "arm/v7", "arm64"], platforms);
    }

    [Fact]
    public async Task WriteAsync_RebuildGivesSameDigests()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        var one = await SampleImage.BuildAsync(first.Path, maxParallelism: 1);
        var two = await SampleImage.BuildAsync(second.Path, SampleImage.Architectures.Reverse().ToArray(), 4);

        Assert.Equal(one.Index.Descriptor.Digest, two.Index.Descriptor.Digest);
        Assert.DoesNotContain(first.Path, Encoding.UTF8.GetString(one.Index.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MissingDirectoryThrows()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);

        var exception = await Assert.ThrowsAsync<OciException>(
            () => OciLayoutWriter.WriteAsync(image, Path.Combine(work.Path, "missing"), "app", Token));

        Assert.Equal("APKO4202", exception.Code);
    }

    [Theory]
    [InlineData("app@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("app:")]
    [InlineData("app:-bad")]
    [InlineData(":tag")]
    [InlineData("")]
    public async Task WriteAsync_InvalidReferenceThrows(string reference)
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);

        var exception = await Assert.ThrowsAsync<OciException>(
            () => OciLayoutWriter.WriteAsync(image, work.Path, reference, Token));

        Assert.Equal("APKO4201", exception.Code);
        Assert.False(File.Exists(Path.Combine(work.Path, "index.json")));
    }

    [Fact]
    public async Task WriteAsync_ChangedLayerFileThrows()
    {
        using var work = new TemporaryDirectory();
        var output = Directory.CreateDirectory(Path.Combine(work.Path, "out")).FullName;
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);
        var layer = image.Images[0].Layers[0];
        var bytes = await File.ReadAllBytesAsync(layer.Path, Token);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(layer.Path, bytes, Token);

        var exception = await Assert.ThrowsAsync<OciException>(
            () => OciLayoutWriter.WriteAsync(image, output, "app", Token));

        Assert.Equal("APKO4204", exception.Code);
        Assert.Empty(Directory.GetFiles(output, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Create_DuplicatePlatformThrows()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);

        var exception = Assert.Throws<OciException>(() => BuiltIndex.Create([image.Images[0], image.Images[0]]));

        Assert.Equal("APKO4003", exception.Code);
    }

    [Fact]
    public async Task Validate_GoldenLayoutIsValid()
    {
        var problems = await OciLayoutValidator.ValidateAsync(OciJsonTests.GoldenPath(), Token);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Validate_ReportsCorruptBlob()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);
        await OciLayoutWriter.WriteAsync(image, work.Path, "app", Token);
        var config = Path.Combine(work.Path, LayoutContentPath(image.Images[0].Config.Descriptor.Digest));
        await File.WriteAllTextAsync(config, "{}", Token);

        var problems = await OciLayoutValidator.ValidateAsync(work.Path, Token);

        Assert.Contains(problems, p => p.Contains("has 2 bytes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("content has digest", StringComparison.Ordinal));
    }

    private static string LayoutContentPath(Digest digest) => Path.Combine("blobs", "sha256", digest.Encoded);

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
