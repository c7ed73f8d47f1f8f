using System.Text.Json;
using Apko.Apk.Indexes;

namespace Apko.Sbom;

/// <summary>
/// Reads the SPDX document a package ships, checking every value the image SBOM copies. Anything the image SBOM
/// would not copy (files, verification codes, unknown properties) is ignored. A malformed document fails with one
/// <see cref="ApkoException"/> naming the package and the file; apko skips such documents silently.
/// </summary>
internal sealed class ShippedSbomReader
{
    /// <summary>The largest shipped SBOM read, in bytes; melange's are a few kilobytes.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private readonly ApkPackage _package;
    private readonly string _path;

    private ShippedSbomReader(ApkPackage package, string path)
    {
        _package = package;
        _path = path;
    }

    /// <summary>Parses and checks a shipped SBOM.</summary>
    /// <exception cref="ApkoException">
    /// The document is too large, not JSON, or not a usable SPDX 2.3 document.
    /// </exception>
    public static ShippedSpdxDocument Read(ApkPackage package, ShippedSbom sbom)
    {
        if (sbom.Content.Length > MaxBytes)
        {
            throw SbomErrors.TooLarge(package, sbom.Path, sbom.Content.Length, MaxBytes);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(sbom.Content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException error)
        {
            throw SbomErrors.InvalidJson(package, sbom.Path, error);
        }

        using (json)
        {
            return new ShippedSbomReader(package, sbom.Path).ReadDocument(json.RootElement);
        }
    }

    private ShippedSpdxDocument ReadDocument(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "$", "an object");
        var document = new ShippedSpdxDocument();
        document.DocumentId = OptionalString(root, "SPDXID", "$") ?? SpdxDocument.DocumentId;
        foreach (var (item, location) in Items(root, "documentDescribes", "$"))
        {
            document.DocumentDescribes.Add(String(item, location));
        }

        foreach (var (item, location) in Items(root, "files", "$"))
        {
            Expect(item, JsonValueKind.Object, location, "an object");
            if (OptionalString(item, "SPDXID", location) is { } fileId)
            {
                document.FileIds.Add(fileId);
            }
        }

        ReadPackages(root, document);
        foreach (var (item, location) in Items(root, "relationships", "$"))
        {
            document.Relationships.Add(ReadRelationship(item, location));
            document.RelationshipLocations.Add(location);
        }

        foreach (var (item, location) in Items(root, "hasExtractedLicensingInfos", "$"))
        {
            Expect(item, JsonValueKind.Object, location, "an object");
            document.LicensingInfos.Add(new SpdxLicensingInfo(
                RequiredString(item, "licenseId", location),
                RequiredString(item, "extractedText", location)));
        }

        return document;
    }

    private void ReadPackages(JsonElement root, ShippedSpdxDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, location) in Items(root, "packages", "$"))
        {
            var package = ReadPackage(item, location, document.PackageProblems);
            if (!seen.Add(package.SpdxId))
            {
                throw SbomErrors.DuplicateId(_package, _path, package.SpdxId);
            }

            document.Packages.Add(package);
        }
    }

    private SpdxPackage ReadPackage(JsonElement item, string location, Dictionary<string, ApkoException> problems)
    {
        Expect(item, JsonValueKind.Object, location, "an object");
        var id = RequiredString(item, "SPDXID", location);
        if (!SpdxIdentifier.IsValidElementId(id))
        {
            throw SbomErrors.InvalidId(_package, _path, $"{location}.SPDXID", id);
        }

        var package = new SpdxPackage
        {
            SpdxId = id,
            Name = RequiredString(item, "name", location),
            VersionInfo = OptionalString(item, "versionInfo", location) ?? "",
            LicenseConcluded = OptionalString(item, "licenseConcluded", location) ?? "",
            LicenseDeclared = OptionalString(item, "licenseDeclared", location) ?? "",
            LicenseComments = OptionalString(item, "licenseComments", location) ?? "",
            Description = OptionalString(item, "description", location) ?? "",
            DownloadLocation = OptionalString(item, "downloadLocation", location) ?? SpdxValues.NoAssertion,
            Homepage = OptionalString(item, "homepage", location) ?? "",
            Originator = OptionalString(item, "originator", location) ?? "",
            Supplier = OptionalString(item, "supplier", location) ?? "",
            SourceInfo = OptionalString(item, "sourceInfo", location) ?? "",
            CopyrightText = OptionalString(item, "copyrightText", location) ?? "",
        };
        var purpose = OptionalString(item, "primaryPackagePurpose", location) ?? "";
        package.PrimaryPackagePurpose = SpdxValues.NormalizePurpose(purpose) ?? "";
        if (purpose.Length > 0 && package.PrimaryPackagePurpose.Length == 0)
        {
            problems.TryAdd(id, SbomErrors.InvalidValue(_package, _path, $"{location}.primaryPackagePurpose", purpose));
        }

        if (item.TryGetProperty("filesAnalyzed", out var analyzed) && analyzed.ValueKind is not
            (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            throw SbomErrors.WrongType(_package, _path, $"{location}.filesAnalyzed", "true or false");
        }

        ReadChecksums(item, location, package, problems);
        ReadExternalRefs(item, location, package, problems);
        return package;
    }

    private void ReadChecksums(
        JsonElement item, string location, SpdxPackage package, Dictionary<string, ApkoException> problems)
    {
        foreach (var (checksum, at) in Items(item, "checksums", location))
        {
            Expect(checksum, JsonValueKind.Object, at, "an object");
            var algorithm = RequiredString(checksum, "algorithm", at);
            var value = RequiredString(checksum, "checksumValue", at);
            if (!SpdxValues.ChecksumAlgorithms.Contains(algorithm))
            {
                problems.TryAdd(package.SpdxId, SbomErrors.InvalidValue(_package, _path, $"{at}.algorithm", algorithm));
                continue;
            }

            package.AddChecksum(new SpdxChecksum(algorithm, value));
        }
    }

    private void ReadExternalRefs(
        JsonElement item, string location, SpdxPackage package, Dictionary<string, ApkoException> problems)
    {
        foreach (var (reference, at) in Items(item, "externalRefs", location))
        {
            Expect(reference, JsonValueKind.Object, at, "an object");
            var category = RequiredString(reference, "referenceCategory", at);
            var locator = RequiredString(reference, "referenceLocator", at);
            var type = RequiredString(reference, "referenceType", at);
            if (SpdxValues.NormalizeCategory(category) is not { } normalized)
            {
                problems.TryAdd(
                    package.SpdxId, SbomErrors.InvalidValue(_package, _path, $"{at}.referenceCategory", category));
                continue;
            }

            package.AddExternalRef(new SpdxExternalRef(normalized, locator, type));
        }
    }

    private SpdxRelationship ReadRelationship(JsonElement item, string location)
    {
        Expect(item, JsonValueKind.Object, location, "an object");
        return new SpdxRelationship(
            RequiredString(item, "spdxElementId", location),
            RequiredString(item, "relationshipType", location),
            RequiredString(item, "relatedSpdxElement", location));
    }

    private IEnumerable<(JsonElement Item, string Location)> Items(JsonElement parent, string name, string location)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        Expect(array, JsonValueKind.Array, $"{location}.{name}", "an array");
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{location}.{name}[{index++}]");
        }
    }

    private string RequiredString(JsonElement item, string name, string location) =>
        OptionalString(item, name, location) ?? throw SbomErrors.Missing(_package, _path, $"{location}.{name}");

    private string? OptionalString(JsonElement item, string name, string location)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return String(value, $"{location}.{name}");
    }

    private string String(JsonElement value, string location)
    {
        Expect(value, JsonValueKind.String, location, "a string");
        return value.GetString()!;
    }

    private void Expect(JsonElement value, JsonValueKind kind, string location, string description)
    {
        if (value.ValueKind != kind)
        {
            throw SbomErrors.WrongType(_package, _path, location, description);
        }
    }
}
