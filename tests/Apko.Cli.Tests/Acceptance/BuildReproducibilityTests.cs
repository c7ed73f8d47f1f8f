using System.Text;
using System.Text.Json.Nodes;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// Builds of the minimal image give the same bytes whatever the working directory, temp directory and processor
/// count, and take <c>created</c> from SOURCE_DATE_EPOCH or the newest package.
/// </summary>
public sealed class BuildReproducibilityTests(AlpineImages images)
{
    private const string CreatedAnnotation = "org.opencontainers.image.created";

    [Fact]
    public async Task Build_SameDigestWhateverHostState()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        // Run both at once: one with -C from its temp directory, one from the config's directory with a relative
        // config path, with other TMPDIRs, cache directories and processor counts.
        await Task.WhenAll(
            BuildWithWorkdirFlagAsync(first),
            BuildFromConfigDirectoryAsync(second));

        var firstDigest = new OciLayoutReader(first.Combine("out")).ReadImageIndexDigest();
        var secondDigest = new OciLayoutReader(second.Combine("out")).ReadImageIndexDigest();
        Assert.True(
            firstDigest == secondDigest,
            $"The builds gave image indexes '{firstDigest}' and '{secondDigest}'.");
    }

    [Fact]
    public async Task Build_PackageOrderKeepsDigest()
    {
        using var scratch = new TemporaryDirectory();
        var original = File.ReadAllText(Path.Combine(ApkoProcess.AlpineDirectory, ApkoProcess.MinimalConfig));
        var packages = new[] { "alpine-baselayout", "alpine-keys", "apk-tools", "busybox", "libc-utils" };
        var listed = string.Concat(packages.Select(p => $"    - {p}\n"));
        var reversed = string.Concat(packages.Reverse().Select(p => $"    - {p}\n"));
        Assert.True(
            original.Contains(listed, StringComparison.Ordinal),
            $"The minimal config no longer lists {listed}.");
        var config = scratch.Combine("reversed.yaml");
        File.WriteAllText(config, original.Replace(listed, reversed, StringComparison.Ordinal));

        // The config is outside the fixtures, so its relative repository and keyring resolve against -C.
        await ApkoProcess.BuildAlpineAsync(config, scratch.CreateDirectory("out"), scratch);

        var digest = new OciLayoutReader(scratch.Combine("out")).ReadImageIndexDigest();
        var expected = new OciLayoutReader(images.MinimalLayout).ReadImageIndexDigest();
        Assert.True(digest == expected, $"Reversed packages gave index '{digest}', the listed order '{expected}'.");
    }

    [Fact]
    public async Task Build_LayerOmitsTempPathAndHost()
    {
        using var scratch = new TemporaryDirectory();
        await BuildWithWorkdirFlagAsync(scratch);
        var layout = new OciLayoutReader(scratch.Combine("out"));

        var layer = layout.ReadUncompressedLayer("amd64");

        var text = Encoding.Latin1.GetString(layer);
        Assert.False(text.Contains(scratch.Path, StringComparison.Ordinal), $"The layer contains '{scratch.Path}'.");
        Assert.False(
            text.Contains("apko-accept-", StringComparison.Ordinal),
            "The layer contains a test temp directory.");
        var host = Environment.MachineName;
        foreach (var entry in LayerEntry.ReadAll(layer).Where(e => e.ModificationTime == DateTimeOffset.UnixEpoch))
        {
            // Files the build writes itself (mtime 0) must not name the host. A host name can be short ("vm"), so
            // it is compared with whole words and not searched for in package binaries.
            var content = Encoding.UTF8.GetString(entry.Content);
            var words = content.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
            Assert.False(
                words.Contains(host, StringComparer.Ordinal),
                $"'/{entry.Name}' contains the host name '{host}'.");
        }
    }

    [Fact]
    public async Task Build_SourceDateEpochSetsCreated()
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.CreateDirectory("out");
        var environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        await ApkoProcess.BuildAlpineAsync(ApkoProcess.MinimalConfig, output, scratch, environment);
        var layout = new OciLayoutReader(output);

        var created = (string?)layout.ReadConfig("amd64")["created"];
        var annotation = (string?)layout.ReadImageIndex()["annotations"]?[CreatedAnnotation];

        Assert.True(created == "2023-11-14T22:13:20Z", $"The config's created is '{created}'.");
        Assert.True(annotation == "2023-11-14T22:13:20Z", $"The index's {CreatedAnnotation} is '{annotation}'.");
    }

    [Fact]
    public void Build_NewestPackageSetsCreated()
    {
        var layout = new OciLayoutReader(images.MinimalLayout);

        var created = (string?)layout.ReadConfig("amd64")["created"];
        var annotation = (string?)layout.ReadImageIndex()["annotations"]?[CreatedAnnotation];

        // libcrypto3 and libssl3 3.1.4-r5 have the newest build time, 1706233893.
        Assert.True(created == "2024-01-26T01:51:33Z", $"The config's created is '{created}'.");
        Assert.True(annotation == "2024-01-26T01:51:33Z", $"The index's {CreatedAnnotation} is '{annotation}'.");
    }

    [Fact]
    public void Build_ManifestCreatedMatchesConfig()
    {
        var layout = new OciLayoutReader(images.MinimalLayout);

        JsonNode? annotation = layout.ReadManifest("amd64")["annotations"]?[CreatedAnnotation];

        Assert.True(
            (string?)annotation == "2024-01-26T01:51:33Z",
            $"The manifest's {CreatedAnnotation} is '{annotation}'.");
    }

    private static readonly char[] s_separators = [' ', '\n', '\t', '"', ':', '/', ',', '=', '{', '}', '[', ']'];

    private static Task BuildWithWorkdirFlagAsync(TemporaryDirectory scratch)
    {
        var environment = new Dictionary<string, string>
        {
            ["TMPDIR"] = scratch.CreateDirectory("tmp"),
            ["DOTNET_PROCESSOR_COUNT"] = "1",
        };
        var output = scratch.CreateDirectory("out");
        return ApkoProcess.BuildAlpineAsync(ApkoProcess.MinimalConfig, output, scratch, environment);
    }

    private static async Task BuildFromConfigDirectoryAsync(TemporaryDirectory scratch)
    {
        var environment = new Dictionary<string, string>
        {
            ["TMPDIR"] = scratch.CreateDirectory("other-tmp"),
            ["DOTNET_PROCESSOR_COUNT"] = "2",
        };
        string[] arguments =
        [
            "build", ApkoProcess.MinimalConfig, "alpine:test", scratch.CreateDirectory("out"),
            "--cache-dir", scratch.Combine("other-cache"), "--sbom-path", scratch.CreateDirectory("sbom"),
        ];
        var result = await ApkoProcess.RunAsync(arguments, ApkoProcess.AlpineDirectory, environment);
        Assert.True(result.ExitCode == 0, $"apko build from the config's directory failed: {result}");
    }
}
