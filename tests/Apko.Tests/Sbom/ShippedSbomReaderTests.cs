using System.Text;
using Apko.Apk.Indexes;
using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class ShippedSbomReaderTests
{
    private const string Path = "/var/lib/db/sbom/evil-1.0-r0.spdx.json";

    private static readonly ApkPackage s_package = new() { Name = "evil", Version = "1.0-r0", Arch = "x86_64" };

    public static TheoryData<string, string, string> HostileDocuments() => new()
    {
        { "truncated", """{"packages": [""", "APKO6002" },
        { "not an object", "[1, 2]", "APKO6003" },
        { "packages not an array", """{"packages": {"a": 1}}""", "APKO6003" },
        { "SPDXID a number", """{"packages": [{"SPDXID": 5, "name": "x", "downloadLocation": "NONE"}]}""", "APKO6003" },
        { "name missing", """{"packages": [{"SPDXID": "SPDXRef-x", "downloadLocation": "NONE"}]}""", "APKO6004" },
        { "filesAnalyzed a string", Package("\"filesAnalyzed\": \"yes\""), "APKO6003" },
        { "checksum not an object", Package("\"checksums\": [\"abc\"]"), "APKO6003" },
        { "id with space", """{"packages": [{"SPDXID": "SPDXRef-a b", "name": "x"}]}""", "APKO6005" },
        { "id without prefix", """{"packages": [{"SPDXID": "Package-a", "name": "x"}]}""", "APKO6005" },
        {
            "duplicate id",
            """{"packages": [{"SPDXID": "SPDXRef-a", "name": "x"}, {"SPDXID": "SPDXRef-a", "name": "y"}]}""",
            "APKO6006"
        },
        { "bad purpose", Package("\"primaryPackagePurpose\": \"ROCKET\""), "APKO6007" },
        {
            "bad checksum algorithm",
            Package("\"checksums\": [{\"algorithm\": \"CRC\", \"checksumValue\": \"1\"}]"),
            "APKO6007"
        },
        {
            "bad reference category",
            Package("""
                "externalRefs": [{"referenceCategory": "X", "referenceLocator": "y", "referenceType": "purl"}]
                """),
            "APKO6007"
        },
        { "bad relationship type", Described(Relationship("SPDXRef-evil", "LIKES", "SPDXRef-evil")), "APKO6007" },
        {
            "relationship to nothing",
            Described(Relationship("SPDXRef-evil", "DEPENDS_ON", "SPDXRef-ghost")),
            "APKO6008"
        },
        { "nesting too deep", new string('[', 100) + new string(']', 100), "APKO6002" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public void Build_HostileSbomFailsNamingPackageAndFile(string description, string json, string code)
    {
        var input = SbomFixtures.Image([Input(json)]);

        var error = Assert.Throws<ApkoException>(() => SbomGenerator.GenerateImage(input, SbomFormats.Spdx));

        Assert.True(code == error.Code, $"{description}: {error.Code} {error.Message}");
        Assert.Contains("'evil-1.0-r0'", error.Message);
        Assert.Contains(Path, error.Message);
    }

    [Fact]
    public void Read_TooLargeFails()
    {
        var content = new byte[ShippedSbomReader.MaxBytes + 1];
        Array.Fill(content, (byte)' ');

        var sbom = new ShippedSbom(Path, content);

        var error = Assert.Throws<ApkoException>(() => ShippedSbomReader.Read(s_package, sbom));

        Assert.Equal("APKO6001", error.Code);
    }

    [Fact]
    public void Read_InvalidValueOutsideCopiedElementsIsIgnored()
    {
        var json = Described("") + "";
        json = json.Replace("\"packages\": [", """
            "packages": [{"SPDXID": "SPDXRef-OperatingSystem", "name": "unknown", "primaryPackagePurpose": "ROCKET"},
            """);

        var document = ImageSbomBuilder.Build(SbomFixtures.Image([Input(json)]));

        Assert.DoesNotContain(document.Packages, p => p.SpdxId == "SPDXRef-OperatingSystem");
        Assert.Contains(document.Packages, p => p.SpdxId == "SPDXRef-evil");
    }

    [Fact]
    public void Read_NormalizesMelangeSpellings()
    {
        var json = Package("""
            "primaryPackagePurpose": "OPERATING-SYSTEM",
            "externalRefs": [{"referenceCategory": "PACKAGE_MANAGER", "referenceLocator": "pkg:apk/a/b@1",
                              "referenceType": "purl"}]
            """);

        var document = ShippedSbomReader.Read(s_package, Input(json).ShippedSbom!);

        var package = Assert.Single(document.Packages);

        Assert.Equal("OPERATING_SYSTEM", package.PrimaryPackagePurpose);
        Assert.Equal("PACKAGE-MANAGER", Assert.Single(package.ExternalRefs).ReferenceCategory);
    }

    [Fact]
    public void Read_DropsFilesAndRelationshipsToThem()
    {
        var json = Described(Relationship("SPDXRef-evil", "CONTAINS", "SPDXRef-F1"))
            .Replace("\"packages\": [", """
                "files": [{"SPDXID": "SPDXRef-F1", "fileName": "/x"}], "packages": [
                """);

        var document = ImageSbomBuilder.Build(SbomFixtures.Image([Input(json)]));

        Assert.DoesNotContain(document.Relationships, r => r.RelatedSpdxElement == "SPDXRef-F1");
    }

    [Fact]
    public void Locate_TriesVersionThenBareVersionThenName()
    {
        var package = new ApkPackage { Name = "busybox", Version = "1.36.1-r15" };
        var files = new Dictionary<string, byte[]> { ["/var/lib/db/sbom/busybox-1.36.1.spdx.json"] = [1] };

        var found = ShippedSbom.Locate(package, files.GetValueOrDefault);

        Assert.Equal("/var/lib/db/sbom/busybox-1.36.1.spdx.json", found?.Path);
        Assert.Equal(
            [
                "/var/lib/db/sbom/busybox-1.36.1-r15.spdx.json",
                "/var/lib/db/sbom/busybox-1.36.1.spdx.json",
                "/var/lib/db/sbom/busybox.spdx.json",
            ],
            ShippedSbom.CandidatePaths(package));
    }

    [Fact]
    public void Locate_NoFileGivesNull()
    {
        Assert.Null(ShippedSbom.Locate(s_package, _ => null));
    }

    private static SbomPackageInput Input(string json) =>
        new(s_package, new ShippedSbom(Path, Encoding.UTF8.GetBytes(json)));

    private static string Package(string fields) =>
        $$"""
        {"documentDescribes": ["SPDXRef-evil"],
         "packages": [{"SPDXID": "SPDXRef-evil", "name": "evil", "downloadLocation": "NONE", {{fields}}}]}
        """;

    private static string Relationship(string element, string type, string related) =>
        $$"""{"spdxElementId": "{{element}}", "relationshipType": "{{type}}", "relatedSpdxElement": "{{related}}"}""";

    private static string Described(string relationship) => $$"""
        {"SPDXID": "SPDXRef-DOCUMENT", "documentDescribes": ["SPDXRef-evil"],
         "packages": [{"SPDXID": "SPDXRef-evil", "name": "evil", "versionInfo": "1.0-r0", "downloadLocation": "NONE"}],
         "relationships": [{{relationship}}]}
        """;
}
