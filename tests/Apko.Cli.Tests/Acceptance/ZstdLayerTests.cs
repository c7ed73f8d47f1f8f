using System.Formats.Tar;
using System.Text.Json;
using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>Builds a busybox image with zstd layers and checks that skopeo and podman read and run it.</summary>
public sealed class ZstdLayerTests
{
    [Fact]
    public async Task Build_ZstdLayers_RunsInPodman()
    {
        var skopeo = ExternalTool.Require("skopeo");
        var podmanProgram = ExternalTool.Require("podman");
        ExternalTool.Require("runc");
        using var scratch = new TemporaryDirectory();
        var config = scratch.Combine("app.yaml");
        File.WriteAllText(config, $"""
            contents:
              keyring:
                - {Fixtures.Path("alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")}
              repositories:
                - {Fixtures.Path("alpine", "v3.19.1-iso")}
              packages:
                - busybox
            archs:
              - x86_64
            """);
        var tarball = scratch.Combine("app.tar");

        var build = await ApkoProcess.RunAsync(
            ["build", config, "zstd:test", tarball, "--compression", "zstd", "--sbom=false",
                "--cache-dir", scratch.Combine("cache")],
            scratch.Path);
        var inspect = await ExternalTool.RunAsync(skopeo, ["inspect", $"oci-archive:{tarball}"]);
        var podman = new Podman(podmanProgram, scratch);
        var load = await podman.RunAsync("load", "-i", tarball);
        var run = await podman.RunAsync(
            "run", "--rm", "--network=none", "localhost/zstd:test", "/bin/busybox", "echo", "from zstd");

        Assert.True(build.ExitCode == 0, $"apko build failed: {build}");
        Assert.True(inspect.ExitCode == 0, $"skopeo inspect failed: {inspect}");
        Assert.Equal(["application/vnd.oci.image.layer.v1.tar+zstd"], LayerMediaTypes(tarball));
        Assert.True(load.ExitCode == 0, $"podman load failed: {load}");
        Assert.True(run.ExitCode == 0, $"podman run failed: {run}");
        Assert.Equal("from zstd\n", run.Stdout);
    }

    /// <summary>Follows index.json, the image index and its first manifest inside the tarball to the layers.</summary>
    private static List<string?> LayerMediaTypes(string tarball)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var reader = new TarReader(File.OpenRead(tarball)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is not { } data)
                {
                    continue;
                }

                using var copy = new MemoryStream();
                data.CopyTo(copy);
                files[entry.Name.TrimStart('.', '/')] = copy.ToArray();
            }
        }

        JsonElement Blob(JsonElement descriptor) =>
            JsonDocument.Parse(files["blobs/sha256/" + descriptor.GetProperty("digest").GetString()![7..]]).RootElement;

        var index = Blob(JsonDocument.Parse(files["index.json"]).RootElement.GetProperty("manifests")[0]);
        var manifest = Blob(index.GetProperty("manifests")[0]);
        return [.. manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("mediaType").GetString())];
    }
}
