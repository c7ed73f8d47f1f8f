using System.Text.Json.Nodes;
using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class SbomGeneratorTests
{
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

    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public async Task GenerateImage_ValidatesAgainstSchemas(string arch)
    {
        var files = SbomGenerator.GenerateImage(
            SbomFixtures.GoldenImage(arch), SbomFormats.Spdx | SbomFormats.CycloneDx);

        await SchemaCheck.AssertValidAsync(SchemaCheck.Spdx, files[0].Content, files[0].FileName);
        await SchemaCheck.AssertValidAsync(SchemaCheck.CycloneDx, files[1].Content, files[1].FileName);
    }

    [Fact]
    public async Task GenerateIndex_ValidatesAgainstSchemas()
    {
        var files = SbomGenerator.GenerateIndex(SbomFixtures.GoldenIndex(), SbomFormats.Spdx | SbomFormats.CycloneDx);

        await SchemaCheck.AssertValidAsync(SchemaCheck.Spdx, files[0].Content, files[0].FileName);
        await SchemaCheck.AssertValidAsync(SchemaCheck.CycloneDx, files[1].Content, files[1].FileName);
    }
}
