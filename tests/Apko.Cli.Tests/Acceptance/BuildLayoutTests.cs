using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>The OCI layouts that <c>apko build</c> writes, checked with oci-image-tool and skopeo.</summary>
public sealed class BuildLayoutTests(AlpineImages images)
{
    [Theory]
    [InlineData(ApkoProcess.MinimalConfig)]
    [InlineData(ApkoProcess.BaseConfig)]
    public async Task Build_LayoutCopiesWithSkopeo(string config)
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var scratch = new TemporaryDirectory();

        var copy = await ExternalTool.RunAsync(
            skopeo, ["copy", $"oci:{images.LayoutOf(config)}:test", $"oci:{scratch.Combine("copy")}:test"]);

        Assert.True(copy.ExitCode == 0, $"skopeo copy of the {config} layout failed: {copy}");
    }

    [Theory]
    [InlineData(ApkoProcess.MinimalConfig)]
    [InlineData(ApkoProcess.BaseConfig)]
    public async Task Build_LayoutPassesOciImageTool(string config)
    {
        var tool = ExternalTool.Require("oci-image-tool");

        var result = await ExternalTool.RunAsync(tool, ["validate", "--type", "image", images.LayoutOf(config)]);

        Assert.True(result.ExitCode == 0, $"oci-image-tool validate of the {config} layout failed: {result}");
    }

    [Theory]
    [InlineData(ApkoProcess.MinimalConfig)]
    [InlineData(ApkoProcess.BaseConfig)]
    public async Task Build_SelectedPlatformPassesOciImageTool(string config)
    {
        // oci-image-tool 1.0.0-rc1 rejects --type imageLayout as "unimplemented". With --type image it detects a
        // layout but skips a nested image index ("unknown media type"), so the manifest, config and layer are
        // validated after skopeo copy has selected the platform into a single-manifest layout.
        var tool = ExternalTool.Require("oci-image-tool");
        var skopeo = ExternalTool.Require("skopeo");
        using var scratch = new TemporaryDirectory();
        var single = scratch.Combine("single");
        var copy = await ExternalTool.RunAsync(
            skopeo, ["copy", $"oci:{images.LayoutOf(config)}:test", $"oci:{single}:test"]);
        Assert.True(copy.ExitCode == 0, $"skopeo copy of the {config} layout failed: {copy}");

        var result = await ExternalTool.RunAsync(tool, ["validate", "--type", "image", "--ref", "name=test", single]);

        Assert.True(result.ExitCode == 0, $"oci-image-tool validate of the copied {config} image failed: {result}");
        Assert.True(
            result.Stdout.Contains("reference [name=test]: OK", StringComparison.Ordinal),
            $"Not validated: {result}");
    }

    [Theory]
    [InlineData(ApkoProcess.MinimalConfig)]
    [InlineData(ApkoProcess.BaseConfig)]
    public void Build_DescriptorsMatchTheirBlobs(string config)
    {
        var layout = new OciLayoutReader(images.LayoutOf(config));
        var index = layout.ReadIndexJson()["manifests"]![0]!;
        AssertDescriptor(layout, index, "application/vnd.oci.image.index.v1+json");

        foreach (var manifestDescriptor in layout.ReadImageIndex()["manifests"]!.AsArray())
        {
            AssertDescriptor(layout, manifestDescriptor!, "application/vnd.oci.image.manifest.v1+json");
            var manifest = JsonNode.Parse(layout.ReadBlob((string)manifestDescriptor!["digest"]!))!;
            AssertDescriptor(layout, manifest["config"]!, "application/vnd.oci.image.config.v1+json");
            foreach (var layer in manifest["layers"]!.AsArray())
            {
                AssertDescriptor(layout, layer!, "application/vnd.oci.image.layer.v1.tar+gzip");
            }
        }
    }

    [Theory]
    [InlineData(ApkoProcess.MinimalConfig)]
    [InlineData(ApkoProcess.BaseConfig)]
    public void Build_DiffIdIsUncompressedLayerDigest(string config)
    {
        var layout = new OciLayoutReader(images.LayoutOf(config));

        var diffId = (string?)layout.ReadConfig("amd64")["rootfs"]?["diff_ids"]?[0];

        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(layout.ReadUncompressedLayer("amd64")));
        Assert.True(diffId == digest, $"The diff ID is '{diffId}', the uncompressed layer's digest '{digest}'.");
    }

    private static void AssertDescriptor(OciLayoutReader layout, JsonNode descriptor, string mediaType)
    {
        var digest = (string)descriptor["digest"]!;
        var size = (long?)descriptor["size"];
        var actual = (string?)descriptor["mediaType"];

        var blob = layout.ReadBlob(digest);

        Assert.True(actual == mediaType, $"'{digest}' has media type '{actual}', not '{mediaType}'.");
        Assert.True(
            size == blob.Length,
            $"'{digest}' has size {size} in its descriptor, {blob.Length} bytes in the blob.");
    }
}
