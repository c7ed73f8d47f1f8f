using System.Text;
using System.Text.Json;
using Apko.Oci.Layers;
using Apko.Oci.Layout;
using Apko.Oci.Model;
using Apko.Oci.Tests.Layers;
using Apko.Testing;

namespace Apko.Oci.Tests.Layout;

/// <summary>Checks layouts from <see cref="OciLayoutWriter"/> with skopeo, umoci and
/// oci-image-tool.</summary>
public sealed class OciLayoutToolTests
{
    [Fact]
    public async Task OciImageTool_ValidatesLayoutAndBlobs()
    {
        var tool = ExternalTool.Require("oci-image-tool");
        using var layout = await PublishedLayout.CreateAsync();

        // oci-image-tool 1.0.0-rc1 checks the layout and the ref but does not descend into a nested index,
        // so the index, manifests and configs are validated one by one as well.
        await AssertSucceedsAsync(tool, ["validate", "--type", "image", "--ref", "name=1.0", layout.LayoutPath]);
        await AssertSucceedsAsync(tool, ["validate", "--type", "imageIndex", layout.BlobPath(layout.Image.Index)]);
        foreach (var image in layout.Image.Images)
        {
            await AssertSucceedsAsync(tool, ["validate", "--type", "manifest", layout.BlobPath(image.Manifest)]);
            await AssertSucceedsAsync(tool, ["validate", "--type", "config", layout.BlobPath(image.Config)]);
        }
    }

    [Fact]
    public async Task SkopeoInspect_ReturnsIndexByTag()
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var layout = await PublishedLayout.CreateAsync();

        var result = await AssertSucceedsAsync(skopeo, ["inspect", "--raw", layout.OciReference]);

        Assert.Equal(Encoding.UTF8.GetString(layout.Image.Index.Content), result.Stdout.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("amd64", null)]
    [InlineData("arm64", null)]
    [InlineData("arm", "v7")]
    public async Task SkopeoInspect_SelectsEachPlatform(string architecture, string? variant)
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var layout = await PublishedLayout.CreateAsync();
        var image = layout.Image.Images.Single(i => i.Platform.Architecture == architecture);

        var result = await AssertSucceedsAsync(
            skopeo,
            [.. PlatformOptions(architecture, variant), "inspect", layout.OciReference]);

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(architecture, json.RootElement.GetProperty("Architecture").GetString());
        var layers = json.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()).ToArray();
        Assert.Equal([image.Layers[0].Descriptor.Digest.ToString()], layers);
    }

    [Fact]
    public async Task SkopeoCopy_KeepsManifestBytes()
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var layout = await PublishedLayout.CreateAsync();
        var image = layout.Image.Images.Single(i => i.Platform.Architecture == "arm64");
        var target = Path.Combine(layout.WorkPath, "copy");

        await AssertSucceedsAsync(
            skopeo,
            [.. PlatformOptions("arm64", null), "copy", layout.OciReference, "dir:" + target]);

        var manifest = await File.ReadAllBytesAsync(Path.Combine(target, "manifest.json"), Token);
        Assert.Equal(image.Manifest.Content, manifest);
        Assert.True(File.Exists(Path.Combine(target, image.Layers[0].Descriptor.Digest.Encoded)));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task UmociUnpack_KeepsModesOwnersAndLinks()
    {
        var skopeo = ExternalTool.Require("skopeo");
        var umoci = ExternalTool.Require("umoci");
        using var layout = await PublishedLayout.CreateAsync();
        var single = Path.Combine(layout.WorkPath, "single");
        var bundle = Path.Combine(layout.WorkPath, "bundle");
        await AssertSucceedsAsync(
            skopeo,
            [.. PlatformOptions("amd64", null), "copy", layout.OciReference, $"oci:{single}:x"]);

        var rootless = Environment.UserName == "root" ? Array.Empty<string>() : ["--rootless"];
        await AssertSucceedsAsync(umoci, ["unpack", .. rootless, "--image", single + ":x", bundle]);

        var rootfs = Path.Combine(bundle, "rootfs");
        Assert.True(File.GetUnixFileMode(Path.Combine(rootfs, "bin/su")).HasFlag(UnixFileMode.SetUser));
        Assert.Equal("busybox", new FileInfo(Path.Combine(rootfs, "bin/sh")).LinkTarget);
        Assert.Equal("busybox", await File.ReadAllTextAsync(Path.Combine(rootfs, "bin/busybox-link"), Token));
        Assert.Equal("crème", await File.ReadAllTextAsync(Path.Combine(rootfs, "home/nonroot/café.txt"), Token));
        var longFile = Path.Combine(rootfs, "opt", SampleEntries.LongDirectory, "file.txt");
        Assert.Equal("long", await File.ReadAllTextAsync(longFile, Token));
        var mtree = await File.ReadAllTextAsync(Directory.GetFiles(bundle, "*.mtree").Single(), Token);
        Assert.Contains("su size=2 mode=04755 tar_time=1700000000", mtree, StringComparison.Ordinal);
        Assert.Contains("busybox-link size=7 mode=0755 nlink=2", mtree, StringComparison.Ordinal);
        Assert.Contains("null size=0 type=char mode=0666", mtree, StringComparison.Ordinal);
        Assert.Contains("sda size=0 type=block gid=6 mode=0660", mtree, StringComparison.Ordinal);
        Assert.Contains("/set type=file nlink=1 mode=0664 uid=65532 gid=65532", mtree, StringComparison.Ordinal);
        Assert.Contains("nonroot size=4096 type=dir mode=0700", mtree, StringComparison.Ordinal);
        var capability = "xattr.security.capability=" + Convert.ToBase64String(SampleEntries.Capability);
        Assert.Contains(capability, mtree, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UmociUnpack_StacksTwoLayers()
    {
        var skopeo = ExternalTool.Require("skopeo");
        var umoci = ExternalTool.Require("umoci");
        using var work = new TemporaryDirectory();
        var image = await BuildTwoLayerImageAsync(work.Path);
        var layout = Directory.CreateDirectory(Path.Combine(work.Path, "layout")).FullName;
        await OciLayoutWriter.WriteAsync(image, layout, "app:two", Token);
        var single = Path.Combine(work.Path, "single");
        await AssertSucceedsAsync(skopeo, ["copy", $"oci:{layout}:two", $"oci:{single}:x"]);
        var bundle = Path.Combine(work.Path, "bundle");

        var rootless = Environment.UserName == "root" ? Array.Empty<string>() : ["--rootless"];
        await AssertSucceedsAsync(umoci, ["unpack", .. rootless, "--image", single + ":x", bundle]);

        Assert.Empty(await OciLayoutValidator.ValidateAsync(layout, Token));
        Assert.Equal("base", await File.ReadAllTextAsync(Path.Combine(bundle, "rootfs/usr/lib/base.txt"), Token));
        Assert.Equal("top", await File.ReadAllTextAsync(Path.Combine(bundle, "rootfs/etc/os-release"), Token));
    }

    private static async Task<BuiltIndex> BuildTwoLayerImageAsync(string directory)
    {
        var mode = SampleEntries.Directory;
        var file = SampleEntries.File;
        LayerEntry[] bottom =
        [
            LayerEntry.Directory("usr", mode),
            LayerEntry.Directory("usr/lib", mode),
            LayerEntry.RegularFile("usr/lib/base.txt", file, "base"u8.ToArray()),
        ];
        LayerEntry[] top =
        [
            LayerEntry.Directory("etc", mode),
            LayerEntry.RegularFile("etc/os-release", file, "top"u8.ToArray()),
        ];
        var layers = new List<LayerBlob>();
        foreach (var (name, entries) in new[] { ("bottom", bottom), ("top", top) })
        {
            var path = Path.Combine(directory, name + ".tar.gz");
            layers.Add(await LayerWriter.WriteAsync(entries, path, new(), Token));
        }

        var history = new HistoryEntry { Author = "apko", CreatedBy = "apko" };
        var config = new ImageConfig { Architecture = "amd64", History = [history, history] };
        return BuiltIndex.Create([BuiltImage.Create(config, layers)]);
    }

    internal static string[] PlatformOptions(string architecture, string? variant) =>
        variant is null
            ? ["--override-os", "linux", "--override-arch", architecture]
            : ["--override-os", "linux", "--override-arch", architecture, "--override-variant", variant];

    internal static async Task<ToolResult> AssertSucceedsAsync(string program, string[] arguments)
    {
        var result = await ExternalTool.RunAsync(program, arguments, timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)}\n{result}");
        return result;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
