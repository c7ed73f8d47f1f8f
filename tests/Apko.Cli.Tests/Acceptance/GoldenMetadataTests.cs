using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// The installed database, image config, manifests and index built from apko's golden config against apko's. Our
/// installed database is written in apk-tools' own format, and each difference from apko's is asserted.
/// </summary>
public sealed class GoldenMetadataTests(GoldenBuild build) : IClassFixture<GoldenBuild>
{
    private const string InstalledPath = "usr/lib/apk/db/installed";

    public static TheoryData<string> Architectures => ["amd64", "arm64"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Installed_HasApkoPackages(string architecture)
    {
        var (ours, apko) = ReadInstalled(architecture);

        Assert.Equal(["pretend-baselayout", "replayout"], apko.PackageNames);
        Assert.Equal(apko.PackageNames, ours.PackageNames);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Installed_HasApkoFilesPerPackage(string architecture)
    {
        var (ours, apko) = ReadInstalled(architecture);

        foreach (var name in apko.PackageNames)
        {
            var expected = InstalledDatabase.FileLines(apko.Record(name)).Select(ToApkToolsMode);
            Assert.Equal(expected, InstalledDatabase.FileLines(ours.Record(name)));
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Installed_HasApkoFieldsPerPackage(string architecture)
    {
        var (ours, apko) = ReadInstalled(architecture);

        foreach (var name in apko.PackageNames)
        {
            var expected = InstalledDatabase.FieldLines(apko.Record(name)).Where(l => !s_emptyApkoFields.Contains(l));
            Assert.Equal(expected, InstalledDatabase.FieldLines(ours.Record(name)));
        }
    }

    [Theory]
    [InlineData("D:")]
    [InlineData("p:")]
    [InlineData("i:[]")]
    [InlineData("k:0")]
    [InlineData("t:0")]
    public void Installed_OmitsEmptyFieldApkoWrites(string line)
    {
        // apk-tools writes no empty dependency or provides list, no install_if, no zero priority or build time.
        var (ours, apko) = ReadInstalled("amd64");

        Assert.True(apko.Records.Any(r => r.Contains(line)), $"apko's installed database has no line '{line}'.");
        Assert.True(ours.Records.All(r => !r.Contains(line)), $"Our installed database has a line '{line}'.");
    }

    [Fact]
    public void Installed_StartsRecordsWithChecksum()
    {
        var (ours, _) = ReadInstalled("amd64");

        foreach (var record in ours.Records)
        {
            // apk-tools' field order starts with C:, the package identity, where apko starts with P:.
            Assert.True(record[0].StartsWith("C:Q1", StringComparison.Ordinal), $"A record starts with '{record[0]}'.");
        }
    }

    [Fact]
    public void Installed_WritesOctalModeWithoutLeadingZero()
    {
        var (ours, apko) = ReadInstalled("amd64");

        Assert.Contains("a:501:20:0644", apko.Record("replayout"));
        Assert.Contains("a:501:20:644", ours.Record("replayout"));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Config_MatchesApkoApartFromDiffIdsAndAuthor(string architecture)
    {
        var ours = WithoutDiffIdsAndAuthor(build.Ours.ReadConfig(architecture));
        var apko = WithoutDiffIdsAndAuthor(GoldenBuild.Apko.ReadConfig(architecture));

        Assert.True(
            JsonNode.DeepEquals(ours, apko),
            $"Our config:\n{ours.ToJsonString()}\napko's:\n{apko.ToJsonString()}");
    }

    [Fact]
    public void Config_AuthorNamesOurTool()
    {
        var ours = (string?)build.Ours.ReadConfig("amd64")["author"];
        var apko = (string?)GoldenBuild.Apko.ReadConfig("amd64")["author"];

        Assert.True(apko == "github.com/chainguard-dev/apko", $"apko's author is '{apko}'.");
        Assert.True(ours == "apko for .NET", $"Our author is '{ours}'.");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Config_DiffIdIsOurLayerDigest(string architecture)
    {
        var diffId = (string?)build.Ours.ReadConfig(architecture)["rootfs"]?["diff_ids"]?[0];

        var uncompressed = build.Ours.ReadUncompressedLayer(architecture);
        var layer = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(uncompressed));

        Assert.True(diffId == layer, $"The {architecture} diff ID is '{diffId}', the layer's digest '{layer}'.");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Manifest_MatchesApkoApartFromDigests(string architecture)
    {
        var ours = WithoutDigests(build.Ours.ReadManifest(architecture));
        var apko = WithoutDigests(GoldenBuild.Apko.ReadManifest(architecture));

        Assert.True(
            JsonNode.DeepEquals(ours, apko),
            $"Our manifest:\n{ours.ToJsonString()}\napko's:\n{apko.ToJsonString()}");
    }

    [Fact]
    public void ImageIndex_MatchesApkoApartFromDigests()
    {
        var ours = build.Ours.ReadImageIndex();
        var apko = GoldenBuild.Apko.ReadImageIndex();
        foreach (var index in new[] { ours, apko })
        {
            foreach (var descriptor in index["manifests"]!.AsArray())
            {
                descriptor!.AsObject().Remove("digest");
            }
        }

        Assert.True(
            JsonNode.DeepEquals(ours, apko),
            $"Our image index:\n{ours.ToJsonString()}\napko's:\n{apko.ToJsonString()}");
    }

    [Fact]
    public async Task Build_LockfileGivesSameImageIndex()
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.CreateDirectory("locked");

        var result = await GoldenBuild.RunAsync(output, scratch, "--lockfile", "testdata/apko.lock.json");

        Assert.True(result.ExitCode == 0, $"apko build with apko's lock file failed: {result}");
        var locked = new OciLayoutReader(output).ReadImageIndexDigest();
        var resolved = build.Ours.ReadImageIndexDigest();
        Assert.True(locked == resolved, $"The locked build gave index '{locked}', the resolved one '{resolved}'.");
    }

    private static readonly HashSet<string> s_emptyApkoFields = ["D:", "p:", "i:[]", "k:0", "t:0"];

    private (InstalledDatabase Ours, InstalledDatabase Apko) ReadInstalled(string architecture)
    {
        var ours = build.Ours.ReadLayerEntries(architecture).Single(e => e.Name == InstalledPath);
        var apko = GoldenBuild.Apko.ReadLayerEntries(architecture).Single(e => e.Name == InstalledPath);
        return (InstalledDatabase.Parse(ours.Content), InstalledDatabase.Parse(apko.Content));
    }

    private static string ToApkToolsMode(string line)
    {
        // apko writes a:UID:GID:0644, while apk-tools writes the octal mode without the leading zero.
        if (!line.StartsWith("a:", StringComparison.Ordinal) && !line.StartsWith("M:", StringComparison.Ordinal))
        {
            return line;
        }

        var parts = line.Split(':');
        parts[^1] = parts[^1].TrimStart('0');
        return string.Join(':', parts);
    }

    private static JsonObject WithoutDiffIdsAndAuthor(JsonObject config)
    {
        config.Remove("author");
        config["rootfs"]!.AsObject().Remove("diff_ids");
        return config;
    }

    private static JsonObject WithoutDigests(JsonObject manifest)
    {
        foreach (var descriptor in manifest["layers"]!.AsArray().Append(manifest["config"]))
        {
            descriptor!.AsObject().Remove("digest");
            descriptor.AsObject().Remove("size");
        }

        return manifest;
    }
}
