using System.Formats.Tar;
using System.Text.Json;
using Apko.Build;
using Apko.Oci.Model;
using Apko.Testing;

namespace Apko.Tests.Build.Layering;

/// <summary>
/// Builds images with <c>layering: {strategy: origin}</c> from apko's CLI test data and from vendored Alpine 3.19.1
/// packages, and checks the grouping, that the layers stack to the single-layer root filesystem, and the output
/// with skopeo and umoci.
/// </summary>
public sealed class OriginLayersTests
{
    private static readonly string s_apkoLayering =
        Fixtures.Path("apko", "internal", "cli", "testdata", "layering.yaml");

    /// <summary>
    /// replayout replaces pretend-baselayout's <c>etc/os-release</c>, so the two origins share one group and budget 2
    /// gives one package layer and the top layer.
    /// </summary>
    [Fact]
    public async Task Build_ApkoFixtureJoinsReplacedOrigin()
    {
        using var work = new LayeringBuild();

        var (result, layout) = await work.BuildAsync(s_apkoLayering, work.CreateApkoWorkingDirectory());

        Assert.Equal(2, result.Index.Images.Count);
        foreach (var image in result.Index.Images)
        {
            var listings = await ReadLayersAsync(layout, image);
            var arch = image.Platform.Architecture;
            Assert.Equal(2, listings.Count);
            Assert.Equal(["pretend-baselayout", "replayout"], listings[0].InstalledPackages);
            Assert.Equal(["pretend-baselayout", "replayout"], listings[1].InstalledPackages);
            Assert.Contains("etc/os-release", listings[0].Paths);
            Assert.DoesNotContain("etc/os-release", listings[1].Paths);
            AssertFilesBelongToLayerPackages(listings, arch);
        }
    }

    [Fact]
    public async Task Build_ApkoFixtureHistoryHasNoComment()
    {
        using var work = new LayeringBuild();

        var (result, _) = await work.BuildAsync(s_apkoLayering, work.CreateApkoWorkingDirectory());

        using var config = JsonDocument.Parse(result.Index.Images[0].Config.Content);
        var history = config.RootElement.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(2, history.Length);
        Assert.All(history, entry => Assert.False(entry.TryGetProperty("comment", out _), entry.ToString()));
        Assert.Equal(2, config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength());
    }

    [Fact]
    public async Task Build_ApkoFixtureLayersStackToSingleLayer()
    {
        using var work = new LayeringBuild();
        var single = work.WriteConfiguration("single.yaml", WithoutLayering(File.ReadAllText(s_apkoLayering)));

        var (layered, layeredLayout) = await work.BuildAsync(s_apkoLayering, work.CreateApkoWorkingDirectory());
        var (flat, flatLayout) = await work.BuildAsync(single, work.CreateApkoWorkingDirectory());

        for (var i = 0; i < layered.Index.Images.Count; i++)
        {
            Assert.Single(flat.Index.Images[i].Layers);
            await AssertSameRootFileSystemAsync(
                (flatLayout, flat.Index.Images[i]), (layeredLayout, layered.Index.Images[i]));
        }
    }

    [Fact]
    public async Task Build_AlpineBudgetThreeGroups()
    {
        using var work = new LayeringBuild();
        var layered = work.WriteConfiguration("layered.yaml", AlpineMinimal() + Layering(3));
        var single = work.WriteConfiguration("single.yaml", AlpineMinimal());

        var (layeredResult, layeredLayout) = await work.BuildAsync(layered, work.Path);
        var (flatResult, flatLayout) = await work.BuildAsync(single, work.Path);

        var image = layeredResult.Index.Images.Single();
        var listings = await ReadLayersAsync(layeredLayout, image);
        Assert.Equal(4, listings.Count);
        Assert.Equal(["libcrypto3", "libssl3"], listings[0].InstalledPackages);
        Assert.Equal(["busybox", "busybox-binsh", "ssl_client"], listings[1].InstalledPackages);
        string[] rest =
        [
            "alpine-baselayout", "alpine-baselayout-data", "alpine-keys", "apk-tools", "ca-certificates-bundle",
            "libc-utils", "musl", "musl-utils", "scanelf", "zlib",
        ];
        Assert.Equal(rest, listings[2].InstalledPackages);
        Assert.Equal(15, listings[3].InstalledPackages.Count);
        Assert.Contains("bin/busybox", listings[1].Paths);
        Assert.Contains("lib/ld-musl-x86_64.so.1", listings[2].Paths);
        AssertFilesBelongToLayerPackages(listings, "amd64");
        await AssertSameRootFileSystemAsync(
            (flatLayout, flatResult.Index.Images.Single()), (layeredLayout, image));
    }

    [Fact]
    public async Task Build_TwiceGivesSameDigests()
    {
        using var work = new LayeringBuild();

        var (first, _) = await work.BuildAsync(s_apkoLayering, work.CreateApkoWorkingDirectory());
        var (second, _) = await work.BuildAsync(s_apkoLayering, work.CreateApkoWorkingDirectory());

        Assert.Equal(first.Index.Index.Descriptor.Digest, second.Index.Index.Descriptor.Digest);
        var firstLayers = first.Index.Images.SelectMany(i => i.Layers).Select(l => l.Descriptor.Digest);
        var secondLayers = second.Index.Images.SelectMany(i => i.Layers).Select(l => l.Descriptor.Digest);
        Assert.Equal(firstLayers, secondLayers);
    }

    [Fact]
    public async Task Build_EmptyLayeringWritesOneLayer()
    {
        using var work = new LayeringBuild();
        var configuration = Fixtures.Path("apko", "internal", "cli", "testdata", "empty-layering.yaml");

        var (result, _) = await work.BuildAsync(configuration, work.CreateApkoWorkingDirectory());

        Assert.All(result.Index.Images, image => Assert.Single(image.Layers));
    }

    [Fact]
    public async Task Build_UnknownStrategyFailsNamingIt()
    {
        using var work = new LayeringBuild();
        var yaml = WithoutLayering(File.ReadAllText(s_apkoLayering)) + "layering:\n  strategy: size\n  budget: 2\n";
        var configuration = work.WriteConfiguration("size.yaml", yaml);

        var error = await Assert.ThrowsAnyAsync<ApkoException>(
            () => work.BuildAsync(configuration, work.CreateApkoWorkingDirectory()));

        Assert.Contains("'size'", error.Message, StringComparison.Ordinal);
        Assert.Contains("origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task UmociUnpack_StacksOriginLayers()
    {
        var skopeo = ExternalTool.Require("skopeo");
        var umoci = ExternalTool.Require("umoci");
        using var work = new LayeringBuild();
        var (result, layout) = await work.BuildAsync(s_apkoLayering, work.CreateApkoWorkingDirectory());
        var copy = Path.Combine(work.Path, "copy");
        var bundle = Path.Combine(work.Path, "bundle");

        await AssertSucceedsAsync(
            skopeo,
            ["--override-os", "linux", "--override-arch", "amd64", "copy", $"oci:{layout}:test", $"oci:{copy}:x"]);
        var rootless = Environment.UserName == "root" ? Array.Empty<string>() : ["--rootless"];
        await AssertSucceedsAsync(umoci, ["unpack", .. rootless, "--image", copy + ":x", bundle]);

        var rootfs = Path.Combine(bundle, "rootfs");
        var installed = await File.ReadAllTextAsync(Path.Combine(rootfs, "lib/apk/db/installed"), Token);
        Assert.Contains("P:pretend-baselayout\n", installed, StringComparison.Ordinal);
        Assert.Contains("P:replayout\n", installed, StringComparison.Ordinal);
        var image = result.Index.Images.Single(i => i.Platform.Architecture == "amd64");
        var listings = await ReadLayersAsync(layout, image);
        foreach (var path in listings[0].Paths.Concat(listings[1].Paths))
        {
            Assert.True(Path.Exists(Path.Combine(rootfs, path)), $"'{path}' is missing after umoci unpack");
        }
    }

    [Fact]
    public async Task Build_GroupLayerParentsTakeFileTime()
    {
        using var work = new LayeringBuild();
        var layered = work.WriteConfiguration("layered.yaml", AlpineMinimal() + Layering(3));

        var (result, layout) = await work.BuildAsync(layered, work.Path);

        var listings = await ReadLayersAsync(layout, result.Index.Images.Single());
        var top = listings[^1];
        foreach (var listing in listings.SkipLast(1))
        {
            var entries = listing.Entries;
            Assert.Contains(entries, e => e.Value.Type == TarEntryType.Directory);
            for (var i = 0; i < entries.Count; i++)
            {
                var (path, entry) = (entries[i].Key, entries[i].Value);
                if (entry.Type != TarEntryType.Directory)
                {
                    continue;
                }

                var file = entries.Skip(i + 1).First(e => e.Value.Type != TarEntryType.Directory);
                Assert.True(
                    file.Key.StartsWith(path + "/", StringComparison.Ordinal), $"'{path}' precedes '{file.Key}'");
                Assert.True(
                    entry == top[path] with { ModificationTime = file.Value.ModificationTime },
                    $"'{path}': {entry}, top layer {top[path]}, first file '{file.Key}' {file.Value}");
            }
        }
    }

    [Fact]
    public async Task Build_PartialDatabaseKeepsFullHeader()
    {
        using var work = new LayeringBuild();
        var layered = work.WriteConfiguration("layered.yaml", AlpineMinimal() + Layering(3));

        var (result, layout) = await work.BuildAsync(layered, work.Path);

        var listings = await ReadLayersAsync(layout, result.Index.Images.Single());
        var path = listings[^1].Paths.Single(p => p.EndsWith("apk/db/installed", StringComparison.Ordinal));
        var full = listings[^1][path];
        var records = listings[^1].InstalledDatabase!.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var listing in listings.SkipLast(1))
        {
            Assert.True(listing[path] with { ContentHash = "" } == full with { ContentHash = "" }, $"{listing[path]}");
            var partial = listing.InstalledDatabase!.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.All(partial, record => Assert.Contains(record, records));
        }

        Assert.Equal(records.Length, listings.SkipLast(1).Sum(l => l.InstalledPackages.Count));
    }

    private static async Task<IReadOnlyList<LayerListing>> ReadLayersAsync(string layout, BuiltImage image)
    {
        var tree = new LayerTree();
        var listings = new List<LayerListing>();
        foreach (var layer in image.Layers)
        {
            listings.Add(await tree.ApplyAsync(LayeringBuild.BlobPath(layout, layer.Descriptor.Digest)));
        }

        return listings;
    }

    private static async Task<LayerTree> StackAsync(string layout, BuiltImage image)
    {
        var tree = new LayerTree();
        foreach (var layer in image.Layers)
        {
            await tree.ApplyAsync(LayeringBuild.BlobPath(layout, layer.Descriptor.Digest));
        }

        return tree;
    }

    /// <summary>Checks that each file of a group layer belongs to a package of the layer's partial database.</summary>
    private static void AssertFilesBelongToLayerPackages(IReadOnlyList<LayerListing> listings, string arch)
    {
        var owners = InstalledOwners.Parse(listings[^1].InstalledDatabase!);
        for (var i = 0; i < listings.Count - 1; i++)
        {
            var packages = listings[i].InstalledPackages;
            var files = listings[i].Paths.Where(owners.ContainsKey).ToArray();
            Assert.NotEmpty(files);
            foreach (var path in files)
            {
                Assert.True(
                    packages.Contains(owners[path]),
                    $"{arch} layer {i}: '{path}' belongs to '{owners[path]}', not to {string.Join(' ', packages)}");
            }
        }
    }

    /// <summary>
    /// Checks that the stacked layers equal the single layer, path by path. <c>etc/apko.json</c> records the
    /// configuration, which differs by its <c>layering</c> section, so only its presence is compared.
    /// </summary>
    private static async Task AssertSameRootFileSystemAsync(
        (string Layout, BuiltImage Image) single,
        (string Layout, BuiltImage Image) layered)
    {
        var expected = (await StackAsync(single.Layout, single.Image)).Entries;
        var actual = (await StackAsync(layered.Layout, layered.Image)).Entries;
        Assert.True(expected.Remove("etc/apko.json"), "the single layer has no etc/apko.json");
        Assert.True(actual.Remove("etc/apko.json"), "the layers have no etc/apko.json");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, entry) in expected)
        {
            Assert.True(entry == actual[path], $"'{path}': single layer {entry}, stacked layers {actual[path]}");
        }
    }

    private static string AlpineMinimal()
    {
        var yaml = File.ReadAllText(Fixtures.Path("alpine", "apko-alpine-3.19.1-minimal.yaml"));
        return yaml
            .Replace("./keys/", Fixtures.Path("alpine", "keys") + "/", StringComparison.Ordinal)
            .Replace("./v3.19.1-iso", Fixtures.Path("alpine", "v3.19.1-iso"), StringComparison.Ordinal);
    }

    private static string Layering(int budget) => $"\nlayering:\n  strategy: origin\n  budget: {budget}\n";

    private static string WithoutLayering(string yaml) =>
        yaml[..yaml.IndexOf("\nlayering:", StringComparison.Ordinal)] + "\n";

    private static async Task AssertSucceedsAsync(string program, string[] arguments)
    {
        var result = await ExternalTool.RunAsync(program, arguments, timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)}\n{result}");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
