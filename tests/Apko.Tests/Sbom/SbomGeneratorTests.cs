using System.Text.Json.Nodes;
using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class SbomGeneratorTests
{
    private const string Commit = "d1b5d5ec7633ad7288e5841b38fc8103a9773436";
    private const string VcsUrl = "https://github.com/chainguard-dev/apko@" + Commit;

    [Fact]
    public void GenerateImage_VcsUrlAddsSourcePackage()
    {
        var input = SbomFixtures.GoldenImage("x86_64") with { VcsUrl = VcsUrl };

        var document = ImageSbomBuilder.Build(input);

        var source = Assert.Single(document.Packages, p => p.PrimaryPackagePurpose == "SOURCE");
        Assert.Equal("github.com/chainguard-dev/apko", source.Name);
        Assert.Equal(Commit, source.VersionInfo);
        Assert.Equal([new SpdxChecksum("SHA1", Commit)], source.Checksums);
        Assert.Equal([$"pkg:github/chainguard-dev/apko@{Commit}"], source.Purls());
        Assert.Contains(
            new SpdxRelationship(ImageSbomBuilder.ImageId(input), "GENERATED_FROM", source.SpdxId),
            document.Relationships);
    }

    [Fact]
    public void GenerateIndex_VcsUrlAddsSourcePackage()
    {
        var input = SbomFixtures.GoldenIndex() with { VcsUrl = VcsUrl };

        var document = IndexSbomBuilder.Build(input);

        var source = Assert.Single(document.Packages, p => p.PrimaryPackagePurpose == "SOURCE");
        Assert.Contains(
            new SpdxRelationship(IndexSbomBuilder.IndexId(input), "GENERATED_FROM", source.SpdxId),
            document.Relationships);
    }

    [Fact]
    public void GenerateIndex_NoReferenceNamesIndexAndImage()
    {
        var input = SbomFixtures.GoldenIndex() with { ImageReference = null };

        var document = IndexSbomBuilder.Build(input);

        Assert.StartsWith("pkg:oci/index@sha256:", document.Packages[0].Purls().Single());
        Assert.StartsWith("pkg:oci/image@sha256:", document.Packages[1].Purls().Single());
    }

    [Fact]
    public void GenerateIndex_NoImagesFails()
    {
        var input = SbomFixtures.GoldenIndex() with { Images = [] };

        var error = Assert.Throws<ApkoException>(() => SbomGenerator.GenerateIndex(input, SbomFormats.Spdx));

        Assert.Equal("APKO6011", error.Code);
    }

    [Fact]
    public void GenerateImage_NoLayersFails()
    {
        var input = SbomFixtures.GoldenImage("x86_64") with { Layers = [] };

        var error = Assert.Throws<ApkoException>(() => SbomGenerator.GenerateImage(input, SbomFormats.Spdx));

        Assert.Equal("APKO6010", error.Code);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public void GenerateImage_HoldsEverythingOfApkoGolden(string arch)
    {
        var files = SbomGenerator.GenerateImage(SbomFixtures.GoldenImage(arch), SbomFormats.Spdx);

        var expected = JsonNode.Parse(File.ReadAllText(SbomFixtures.GoldenSbomPath($"sbom-{arch}.spdx.json")));
        var actual = JsonNode.Parse(Assert.Single(files).Content);
        var missing = JsonContainment.Missing(expected, actual);
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void GenerateIndex_HoldsEverythingOfApkoGolden()
    {
        var files = SbomGenerator.GenerateIndex(SbomFixtures.GoldenIndex(), SbomFormats.Spdx);

        var expected = JsonNode.Parse(File.ReadAllText(SbomFixtures.GoldenSbomPath("sbom-index.spdx.json")));
        var missing = JsonContainment.Missing(expected, JsonNode.Parse(Assert.Single(files).Content));
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void GenerateImage_NamesFilesPerArchitecture()
    {
        var files = SbomGenerator.GenerateImage(
            SbomFixtures.GoldenImage("aarch64"), SbomFormats.Spdx | SbomFormats.CycloneDx);

        Assert.Equal(["sbom-aarch64.spdx.json", "sbom-aarch64.cdx.json"], files.Select(f => f.FileName));
    }

    [Fact]
    public void GenerateIndex_NamesFilesForIndex()
    {
        var files = SbomGenerator.GenerateIndex(SbomFixtures.GoldenIndex(), SbomFormats.Spdx | SbomFormats.CycloneDx);

        Assert.Equal(["sbom-index.spdx.json", "sbom-index.cdx.json"], files.Select(f => f.FileName));
    }

    [Fact]
    public void GenerateImage_NoFormatsWritesNothing()
    {
        Assert.Empty(SbomGenerator.GenerateImage(SbomFixtures.GoldenImage("x86_64"), SbomFormats.None));
    }

    [Fact]
    public void GenerateImage_SameBytesForAnyPackageOrder()
    {
        var input = SbomFixtures.GoldenImage("x86_64");
        var reversed = input with { Packages = [.. input.Packages.Reverse()] };
        var all = SbomFormats.Spdx | SbomFormats.CycloneDx;

        var first = SbomGenerator.GenerateImage(input, all);
        var second = SbomGenerator.GenerateImage(reversed, all);

        Assert.Equal(first.Select(f => f.Content), second.Select(f => f.Content));
    }

    [Fact]
    public void GenerateImage_GoJsonLayoutWithTrailingNewline()
    {
        var content = SbomGenerator.GenerateImage(SbomFixtures.GoldenImage("x86_64"), SbomFormats.Spdx)[0].Content;
        var text = System.Text.Encoding.UTF8.GetString(content);

        Assert.StartsWith("{\n  \"SPDXID\": \"SPDXRef-DOCUMENT\",\n  \"name\": \"sbom-sha256:", text);
        Assert.EndsWith("}\n", text);
        Assert.Contains("?arch=amd64\\u0026mediaType=", text);
    }

    [Fact]
    public void GenerateImage_AlpineListsEveryInstalledPackage()
    {
        var packages = SbomFixtures.AlpinePackages();
        var input = SbomFixtures.Image(packages, new OsRelease("alpine", "Alpine Linux", "3.19.1"));

        var document = ImageSbomBuilder.Build(input);

        Assert.Equal(25, packages.Count);
        foreach (var apk in packages.Select(p => p.Package))
        {
            var package = Assert.Single(document.Packages, p => p.Name == apk.Name);
            Assert.Equal([$"pkg:apk/alpine/{apk.Name}@{apk.Version}?arch=x86_64"], package.Purls());
            Assert.Equal(["SHA1", "SHA256"], package.Checksums.Select(c => c.Algorithm));
            Assert.Equal(
                $"{SbomFixtures.AlpineRepository}/x86_64/{apk.Name}-{apk.Version}.apk", package.DownloadLocation);
            Assert.Equal("Organization: Alpine Linux", package.Supplier);
            Assert.Contains(
                new SpdxRelationship(ImageSbomBuilder.ImageId(input), "CONTAINS", package.SpdxId),
                document.Relationships);
        }

        ImageSbomBuilderTests.AssertUniqueIds(document);
    }

    [Fact]
    public void GenerateImage_AlpineDependsOnResolvesProvides()
    {
        var input = SbomFixtures.AlpineImage();

        var document = ImageSbomBuilder.Build(input);

        string Id(string name) => document.Packages.Single(p => p.Name == name).SpdxId;
        // busybox depends on so:libc.musl-x86_64.so.1, which musl provides.
        Assert.Contains(new SpdxRelationship(Id("busybox"), "DEPENDS_ON", Id("musl")), document.Relationships);
        // alpine-base depends on the plain names of its members.
        Assert.Contains(new SpdxRelationship(Id("alpine-base"), "DEPENDS_ON", Id("busybox")), document.Relationships);
    }

    [Fact]
    public async Task Generate_AllOutputsValidateAgainstSchemas()
    {
        var all = SbomFormats.Spdx | SbomFormats.CycloneDx;
        var alpine = SbomFixtures.AlpineImage();
        var files = SbomGenerator.GenerateImage(SbomFixtures.GoldenImage("x86_64"), all)
            .Concat(SbomGenerator.GenerateImage(SbomFixtures.GoldenImage("aarch64"), all))
            .Concat(SbomGenerator.GenerateIndex(SbomFixtures.GoldenIndex(), all))
            .Concat(SbomGenerator.GenerateImage(alpine with { ApkArch = "alpine", VcsUrl = VcsUrl }, all))
            .Concat(SbomGenerator.GenerateIndex(SbomFixtures.GoldenIndex() with { VcsUrl = VcsUrl }, all)
                .Select(f => f with { FileName = "vcs-" + f.FileName }))
            .ToList();

        (string, byte[])[] Select(string suffix) =>
            [.. files
                .Where(f => f.FileName.EndsWith(suffix, StringComparison.Ordinal))
                .Select(f => (f.FileName, f.Content))];

        await SchemaCheck.AssertValidAsync(SchemaCheck.Spdx, Select(".spdx.json"));
        await SchemaCheck.AssertValidAsync(SchemaCheck.CycloneDx, Select(".cdx.json"));
    }

    [Fact]
    public void GenerateImage_CycloneDxListsEveryPurl()
    {
        var input = SbomFixtures.AlpineImage();

        var bom = JsonNode.Parse(SbomGenerator.GenerateImage(input, SbomFormats.CycloneDx)[0].Content)!;

        var purls = bom["components"]!.AsArray().Select(c => c?["purl"]?.GetValue<string>()).ToList();
        foreach (var apk in input.Packages.Select(p => p.Package))
        {
            Assert.Contains($"pkg:apk/alpine/{apk.Name}@{apk.Version}?arch=x86_64", purls);
        }

        Assert.Equal(ImageSbomBuilder.ImageId(input), bom["metadata"]!["component"]!["bom-ref"]!.GetValue<string>());
        var busybox = bom["dependencies"]!.AsArray().Single(d => d!["ref"]!.GetValue<string>().Contains("busybox-1"));
        Assert.Contains("SPDXRef-Package-apk-musl-1.2.4C95git20230717-r4",
            busybox!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }
}
