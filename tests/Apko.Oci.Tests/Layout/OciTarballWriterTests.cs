using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Apko.Oci.Layout;
using Apko.Oci.Model;
using Apko.Testing;

namespace Apko.Oci.Tests.Layout;

public sealed class OciTarballWriterTests
{
    [Fact]
    public async Task WriteAsync_ExtractedTarballPassesValidator()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path);
        var tarball = Path.Combine(work.Path, "image.tar");
        var extracted = Directory.CreateDirectory(Path.Combine(work.Path, "extracted")).FullName;

        await OciTarballWriter.WriteAsync(image, tarball, SampleImage.Reference, Token);
        await TarFile.ExtractToDirectoryAsync(tarball, extracted, overwriteFiles: false, Token);

        Assert.Empty(await OciLayoutValidator.ValidateAsync(extracted, Token));
        var blobs = image.Images.SelectMany(BlobNames).Append(Name(image.Index)).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["blobs", "blobs/sha256", .. blobs, "index.json", "manifest.json", "oci-layout"],
            await ListAsync(tarball));
    }

    [Fact]
    public async Task WriteAsync_DockerManifestTagsEachArchitecture()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path);
        var tarball = Path.Combine(work.Path, "image.tar");

        await OciTarballWriter.WriteAsync(image, tarball, SampleImage.Reference, Token);

        using var manifest = JsonDocument.Parse(await ReadEntryAsync(tarball, "manifest.json"));
        var tags = manifest.RootElement.EnumerateArray()
            .Select(e => e.GetProperty("RepoTags")[0].GetString())
            .ToArray();
        Assert.Equal(
            ["example.com/sample/app:1.0-amd64", "example.com/sample/app:1.0-arm", "example.com/sample/app:1.0-arm64"],
            tags);
        var first = manifest.RootElement[0];
        Assert.Equal(Name(image.Images[0].Config), first.GetProperty("Config").GetString());
    }

    [Fact]
    public async Task WriteAsync_SingleArchitectureUsesPlainTag()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["aarch64"]);
        var tarball = Path.Combine(work.Path, "image.tar");

        await OciTarballWriter.WriteAsync(image, tarball, "app", Token);

        var manifest = await ReadEntryAsync(tarball, "manifest.json");
        Assert.Contains("\"RepoTags\":[\"app:latest\"]", Encoding.UTF8.GetString(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ArmVariantsGetDistinctTags()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["armhf", "armv7", "x86"]);
        var tarball = Path.Combine(work.Path, "image.tar");

        await OciTarballWriter.WriteAsync(image, tarball, "app:2", Token);

        using var manifest = JsonDocument.Parse(await ReadEntryAsync(tarball, "manifest.json"));
        var tags = manifest.RootElement.EnumerateArray()
            .Select(e => e.GetProperty("RepoTags")[0].GetString())
            .ToArray();
        Assert.Equal(["app:2-386", "app:2-arm_v6", "app:2-arm_v7"], tags);
    }

    [Fact]
    public async Task WriteAsync_RebuildGivesSameBytes()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        var one = Path.Combine(first.Path, "one.tar");
        var two = Path.Combine(second.Path, "two.tar");

        var imageOne = await SampleImage.BuildAsync(first.Path, maxParallelism: 1);
        var imageTwo = await SampleImage.BuildAsync(second.Path, maxParallelism: 3);
        await OciTarballWriter.WriteAsync(imageOne, one, "app:1", Token);
        await OciTarballWriter.WriteAsync(imageTwo, two, "app:1", Token);

        Assert.Equal(
            Digest.Sha256(await File.ReadAllBytesAsync(one, Token)),
            Digest.Sha256(await File.ReadAllBytesAsync(two, Token)));
    }

    [Fact]
    public async Task WriteAsync_MissingLayerLeavesNoFile()
    {
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path, ["x86_64"]);
        File.Delete(image.Images[0].Layers[0].Path);
        var tarball = Path.Combine(work.Path, "image.tar");

        var exception = await Assert.ThrowsAsync<OciException>(
            () => OciTarballWriter.WriteAsync(image, tarball, "app", Token));

        Assert.Equal("APKO4104", exception.Code);
        Assert.Empty(Directory.GetFiles(work.Path, "image.tar*"));
    }

    [Fact]
    public async Task SkopeoInspect_ReadsOciArchive()
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path);
        var tarball = Path.Combine(work.Path, "image.tar");
        await OciTarballWriter.WriteAsync(image, tarball, SampleImage.Reference, Token);

        var result = await OciLayoutToolTests.AssertSucceedsAsync(
            skopeo,
            ["inspect", "--raw", $"oci-archive:{tarball}:1.0"]);

        Assert.Equal(Encoding.UTF8.GetString(image.Index.Content), result.Stdout.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm")]
    [InlineData("arm64")]
    public async Task SkopeoCopy_ReadsDockerArchiveByTag(string architecture)
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path);
        var tarball = Path.Combine(work.Path, "image.tar");
        await OciTarballWriter.WriteAsync(image, tarball, SampleImage.Reference, Token);
        var source = $"docker-archive:{tarball}:{SampleImage.Reference}-{architecture}";

        var result = await OciLayoutToolTests.AssertSucceedsAsync(skopeo, ["inspect", "--raw", "--config", source]);
        var target = "dir:" + Path.Combine(work.Path, "copy");
        await OciLayoutToolTests.AssertSucceedsAsync(skopeo, ["copy", source, target]);

        var expected = image.Images.Single(i => i.Platform.Architecture == architecture).Config.Content;
        Assert.Equal(Encoding.UTF8.GetString(expected), result.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public async Task PodmanLoad_LoadsTarball()
    {
        var podman = ExternalTool.Require("podman");
        using var work = new TemporaryDirectory();
        var image = await SampleImage.BuildAsync(work.Path);
        var tarball = Path.Combine(work.Path, "image.tar");
        await OciTarballWriter.WriteAsync(image, tarball, SampleImage.Reference, Token);
        string[] storage =
        [
            "--root", Path.Combine(work.Path, "storage"),
            "--runroot", Path.Combine(work.Path, "run"),
            "--storage-driver", "vfs",
        ];

        var load = await OciLayoutToolTests.AssertSucceedsAsync(podman, [.. storage, "load", "-i", tarball]);
        var images = await OciLayoutToolTests.AssertSucceedsAsync(
            podman,
            [.. storage, "images", "--format", "{{.Repository}}:{{.Tag}}"]);

        Assert.Contains("Loaded image", load.Stdout + load.Stderr, StringComparison.Ordinal);
        Assert.Contains(SampleImage.Reference, images.Stdout, StringComparison.Ordinal);
    }

    private static IEnumerable<string> BlobNames(BuiltImage image) =>
        [Name(image.Config), Name(image.Manifest), .. image.Layers.Select(l => Name(l.Descriptor))];

    private static string Name(Blob blob) => Name(blob.Descriptor);

    private static string Name(Descriptor descriptor) => "blobs/sha256/" + descriptor.Digest.Encoded;

    private static async Task<List<string>> ListAsync(string tarball)
    {
        var names = new List<string>();
        await using var reader = new TarReader(File.OpenRead(tarball));
        while (await reader.GetNextEntryAsync(cancellationToken: Token) is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    private static async Task<byte[]> ReadEntryAsync(string tarball, string name)
    {
        await using var reader = new TarReader(File.OpenRead(tarball));
        while (await reader.GetNextEntryAsync(copyData: true, Token) is { } entry)
        {
            if (entry.Name == name)
            {
                using var content = new MemoryStream();
                await entry.DataStream!.CopyToAsync(content, Token);
                return content.ToArray();
            }
        }

        throw new InvalidDataException($"'{name}' is not in '{tarball}'.");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
