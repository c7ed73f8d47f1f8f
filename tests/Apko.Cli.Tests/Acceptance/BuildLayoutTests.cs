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
        var copy = await ExternalTool.RunAsync(skopeo, ["copy", $"oci:{images.LayoutOf(config)}:test", $"oci:{single}:test"]);
        Assert.True(copy.ExitCode == 0, $"skopeo copy of the {config} layout failed: {copy}");

        var result = await ExternalTool.RunAsync(tool, ["validate", "--type", "image", "--ref", "name=test", single]);

        Assert.True(result.ExitCode == 0, $"oci-image-tool validate of the copied {config} image failed: {result}");
        Assert.True(result.Stdout.Contains("reference [name=test]: OK", StringComparison.Ordinal), $"Not validated: {result}");
    }
}
