using System.Text.Json.Nodes;
using Apko.Apk.Indexes;
using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class ImageSbomBuilderTests
{
    private const string ApkoLayerId = "SPDXRef-Package-ImageLayer-";

    public static TheoryData<string, string[]> GeneratorCases() => new()
    {
        { "custom-license", ["font-ubuntu 0.869-r1"] },
        { "no-supplier", ["libattr1 2.5.1-r2"] },
        { "package-deduplicating", ["logstash-8 8.15.3-r4", "logstash-8-compat 8.15.3-r4"] },
        { "unbound-package-dedupe", ["unbound-libs 1.23.0-r0", "unbound 1.23.0-r0", "unbound-config 1.23.0-r0"] },
        { "both-describes-methods", ["test-pkg-both 1.0.0-r0"] },
        { "describes-relationship", ["test-pkg-describes 1.0.0-r0"] },
    };

    // apko's generator tests build without an image digest, so its packages hang off the layer package
    // ("SPDXRef-Package-ImageLayer-"). Ours always hang off the image. Older melange wrote PACKAGE_MANAGER,
    // which the SPDX 2.3 schema rejects and we write as PACKAGE-MANAGER.
    [Theory]
    [MemberData(nameof(GeneratorCases))]
    public void Build_HoldsEverythingOfApkoGeneratorGolden(string name, string[] packages)
    {
        var os = name == "no-supplier"
            ? new OsRelease("apko-images", "Apko Images, Plc", "3.0")
            : new OsRelease("unknown", "unknown", "3.0");
        var input = SbomFixtures.Image(
            [.. packages.Select(p => p.Split(' ')).Select(p => SbomFixtures.GeneratorPackage(p[0], p[1]))], os);
        var actual = JsonNode.Parse(SpdxJsonWriter.Write(ImageSbomBuilder.Build(input)))!;

        var expectedText = File.ReadAllText(SbomFixtures.GeneratorPath("expected_image_sboms", $"{name}.spdx.json"))
            .Replace(ApkoLayerId + "\"", ImageSbomBuilder.ImageId(input) + "\"")
            .Replace("PACKAGE_MANAGER", "PACKAGE-MANAGER");
        var expected = JsonNode.Parse(expectedText)!;
        expected.AsObject().Remove("name");
        expected.AsObject().Remove("documentDescribes");
        var expectedPackages = expected["packages"]!.AsArray();
        expectedPackages.RemoveAt(0);
        var missing = JsonContainment.Missing(expected, actual);
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public async Task Build_GeneratorCasesValidateAgainstSchemas()
    {
        var spdx = new List<(string, byte[])>();
        var cycloneDx = new List<(string, byte[])>();
        foreach (var row in GeneratorCases())
        {
            var (name, packages) = row.Data;
            var input = SbomFixtures.Image(
                [.. packages.Select(p => p.Split(' ')).Select(p => SbomFixtures.GeneratorPackage(p[0], p[1]))]);
            var document = ImageSbomBuilder.Build(input);
            spdx.Add((name + ".spdx.json", SpdxJsonWriter.Write(document)));
            var bom = CycloneDxJsonWriter.Write(document, ImageSbomBuilder.ImageId(input), "devel");
            cycloneDx.Add((name + ".cdx.json", bom));
        }

        await SchemaCheck.AssertValidAsync(SchemaCheck.Spdx, spdx);
        await SchemaCheck.AssertValidAsync(SchemaCheck.CycloneDx, cycloneDx);
    }

    // apko copies melange's PACKAGE_MANAGER verbatim, which the SPDX 2.3 schema rejects. This proves that the
    // schema check can fail, and shows why we normalise the spelling.
    [Fact]
    public async Task SchemaCheck_RejectsApkoGeneratorGolden()
    {
        var path = SbomFixtures.GeneratorPath("expected_image_sboms", "custom-license.spdx.json");
        (string, byte[])[] documents = [("custom-license.spdx.json", File.ReadAllBytes(path))];

        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(
            () => SchemaCheck.AssertValidAsync(SchemaCheck.Spdx, documents));
    }

    [Fact]
    public void Build_SubpackagesShareOneSourcePackage()
    {
        var input = SbomFixtures.Image([
            SbomFixtures.GeneratorPackage("unbound-libs", "1.23.0-r0"),
            SbomFixtures.GeneratorPackage("unbound", "1.23.0-r0"),
            SbomFixtures.GeneratorPackage("unbound-config", "1.23.0-r0"),
        ]);

        var document = ImageSbomBuilder.Build(input);

        Assert.Single(document.Packages, p => p.Name == "unbound.yaml");
        AssertUniqueIds(document);
    }

    [Fact]
    public void Build_SamePurlMergesEntries()
    {
        var input = SbomFixtures.Image(
            [SbomFixtures.GeneratorPackage("libattr1", "2.5.1-r2")], new OsRelease("wolfi", "Wolfi", "20230201"));

        var document = ImageSbomBuilder.Build(input);

        var package = Assert.Single(document.Packages, p => p.Name == "libattr1");
        Assert.Equal("SPDXRef-Package-libattr1-2.5.1-r2", package.SpdxId);
        Assert.Equal(["pkg:apk/wolfi/libattr1@2.5.1-r2?arch=x86_64"], package.Purls());
        Assert.Equal("GPL-2.0-or-later", package.LicenseDeclared);
    }

    [Fact]
    public void Build_EntryOfAnotherPackagesSbomMerges()
    {
        var other = Shipped("tool", "1.0-r0", """
            {"SPDXID": "SPDXRef-DOCUMENT", "documentDescribes": ["SPDXRef-Package-tool"],
             "packages": [
               {"SPDXID": "SPDXRef-Package-tool", "name": "tool", "versionInfo": "1.0-r0", "downloadLocation": "NONE"},
               {"SPDXID": "SPDXRef-Package-lib", "name": "lib", "versionInfo": "2.0-r1", "downloadLocation": "NONE",
                "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                  "referenceLocator": "pkg:apk/wolfi/lib@2.0-r1?arch=x86_64"}]}],
             "relationships": [{"spdxElementId": "SPDXRef-Package-tool", "relationshipType": "DEPENDS_ON",
                                "relatedSpdxElement": "SPDXRef-Package-lib"}]}
            """);
        var lib = new SbomPackageInput(new ApkPackage { Name = "lib", Version = "2.0-r1", Arch = "x86_64" });

        var document = ImageSbomBuilder.Build(SbomFixtures.Image([other, lib], new OsRelease("alpine", "Alpine", "3")));

        var merged = Assert.Single(document.Packages, p => p.Name == "lib");
        Assert.Equal("SPDXRef-Package-lib", merged.SpdxId);
        Assert.Contains("pkg:apk/alpine/lib@2.0-r1?arch=x86_64", merged.Purls());
        Assert.Contains(
            new SpdxRelationship("SPDXRef-Package-tool", "DEPENDS_ON", "SPDXRef-Package-lib"),
            document.Relationships);
    }

    [Fact]
    public void Build_RelationshipCycleIsCopiedOnce()
    {
        var cyclic = Shipped("a", "1-r0", """
            {"SPDXID": "SPDXRef-DOCUMENT", "documentDescribes": ["SPDXRef-A"],
             "packages": [{"SPDXID": "SPDXRef-A", "name": "a", "versionInfo": "1-r0", "downloadLocation": "NONE"},
                          {"SPDXID": "SPDXRef-B", "name": "b", "downloadLocation": "NONE"}],
             "relationships": [
               {"spdxElementId": "SPDXRef-A", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-B"},
               {"spdxElementId": "SPDXRef-B", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-A"},
               {"spdxElementId": "SPDXRef-B", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-B"}]}
            """);

        var document = ImageSbomBuilder.Build(SbomFixtures.Image([cyclic]));

        Assert.Single(document.Packages, p => p.SpdxId == "SPDXRef-B");
        Assert.Contains(new SpdxRelationship("SPDXRef-B", "DEPENDS_ON", "SPDXRef-A"), document.Relationships);
        Assert.Equal(document.Relationships.Count, document.Relationships.Distinct().Count());
    }

    [Fact]
    public void Build_NoOsReleaseUsesUnknownNamespace()
    {
        var package = new SbomPackageInput(new ApkPackage { Name = "zlib", Version = "1.3.1-r0", Arch = "x86_64" });

        var document = ImageSbomBuilder.Build(SbomFixtures.Image([package]));

        var zlib = Assert.Single(document.Packages, p => p.Name == "zlib");
        Assert.Equal(["pkg:apk/unknown/zlib@1.3.1-r0?arch=x86_64"], zlib.Purls());
        Assert.Equal("Organization: apko-generated image", zlib.Supplier);
        Assert.Contains(document.Packages, p => p.SpdxId == "SPDXRef-OperatingSystem-unknown");
    }

    [Fact]
    public void Build_IdCollisionGetsSuffix()
    {
        var squatter = Shipped("other", "1-r0", """
            {"SPDXID": "SPDXRef-DOCUMENT", "documentDescribes": ["SPDXRef-Package-apk-zlib-1.3.1-r0"],
             "packages": [{"SPDXID": "SPDXRef-Package-apk-zlib-1.3.1-r0", "name": "not-zlib",
                           "downloadLocation": "NONE"}]}
            """);
        var zlib = new SbomPackageInput(new ApkPackage { Name = "zlib", Version = "1.3.1-r0", Arch = "x86_64" });

        var document = ImageSbomBuilder.Build(SbomFixtures.Image([squatter, zlib]));

        var created = Assert.Single(document.Packages, p => p.Name == "zlib");
        Assert.Equal("SPDXRef-Package-apk-zlib-1.3.1-r0-2", created.SpdxId);
        AssertUniqueIds(document);
    }

    // A large shipped SBOM must not make copying quadratic. The bound is loose because the test machine may be
    // busy, but list lookups over 20,000 packages and relationships (about 2e8 comparisons) would exceed it.
    [Fact]
    public void Build_LargeShippedSbomStaysLinear()
    {
        const int count = 20_000;
        var json = new System.Text.StringBuilder("""{"documentDescribes": ["SPDXRef-P0"], "packages": [""");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append($$"""{"SPDXID": "SPDXRef-P{{i}}", "name": "p{{i}}"}""");
        }

        json.Append("""], "relationships": [""");
        for (var i = 0; i < count - 1; i++)
        {
            json.Append(i == 0 ? "" : ",").Append($$"""
                {"spdxElementId": "SPDXRef-P{{i}}", "relationshipType": "DEPENDS_ON",
                 "relatedSpdxElement": "SPDXRef-P{{i + 1}}"}
                """);
        }

        var input = SbomFixtures.Image([Shipped("big", "1-r0", json.Append("]}").ToString())]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var files = SbomGenerator.GenerateImage(input, SbomFormats.Spdx | SbomFormats.CycloneDx);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Took {clock.Elapsed}.");
        Assert.Equal(2, files.Count);
        Assert.Contains($"\"SPDXRef-P{count - 1}\"", System.Text.Encoding.UTF8.GetString(files[0].Content));
    }

    internal static SbomPackageInput Shipped(string name, string version, string json)
    {
        var package = new ApkPackage { Name = name, Version = version, Arch = "x86_64" };
        var content = System.Text.Encoding.UTF8.GetBytes(json);
        return new SbomPackageInput(package, new ShippedSbom($"/var/lib/db/sbom/{name}-{version}.spdx.json", content));
    }

    internal static void AssertUniqueIds(SpdxDocument document)
    {
        var duplicates = document.Packages.GroupBy(p => p.SpdxId).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }
}
