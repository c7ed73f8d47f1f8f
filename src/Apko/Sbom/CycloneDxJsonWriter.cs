using System.Security.Cryptography;
using System.Text;

namespace Apko.Sbom;

/// <summary>
/// Writes the content of an SPDX document as a CycloneDX 1.6 JSON BOM: the root package becomes the metadata
/// component, every other package a component with its purl, and DEPENDS_ON (plus the root's CONTAINS)
/// relationships the dependency graph.
/// </summary>
internal static class CycloneDxJsonWriter
{
    /// <summary>Returns the BOM's bytes.</summary>
    /// <param name="document">The assembled SPDX document.</param>
    /// <param name="rootId">SPDX identifier of the image or index package, which the BOM describes.</param>
    /// <param name="toolVersion">Version of this tool.</param>
    public static byte[] Write(SpdxDocument document, string rootId, string toolVersion)
    {
        var root = document.Find(rootId) ?? throw new ArgumentException($"No package '{rootId}'.", nameof(rootId));
        var components = document.Packages.Where(p => p != root).ToList();
        var json = new SbomJsonWriter();
        json.StartObject();
        json.String("bomFormat", "CycloneDX");
        json.String("specVersion", "1.6");
        json.String("serialNumber", SerialNumber(rootId));
        json.Number("version", 1);
        json.StartObject("metadata");
        json.String("timestamp", document.Created);
        json.StartObject("tools");
        json.StartArray("components");
        json.StartObject();
        json.String("type", "application");
        json.String("name", "apko");
        json.String("version", toolVersion);
        json.EndObject();
        json.EndArray();
        json.EndObject();
        WriteComponent(json, root, "component");
        json.EndObject();
        json.StartArray("components");
        components.ForEach(c => WriteComponent(json, c, null));
        json.EndArray();
        WriteDependencies(json, document, root);
        json.EndObject();
        return json.ToArray();
    }

    private static void WriteComponent(SbomJsonWriter json, SpdxPackage package, string? propertyName)
    {
        json.StartObject(propertyName);
        json.String("type", ComponentType(package.PrimaryPackagePurpose));
        json.String("bom-ref", package.SpdxId);
        if (EntityName(package.Supplier) is { } supplier)
        {
            json.StartObject("supplier");
            json.String("name", supplier);
            json.EndObject();
        }

        json.String("name", package.Name);
        json.OptionalString("version", package.VersionInfo);
        json.OptionalString("description", package.Description);
        WriteHashes(json, package.Checksums);
        WriteLicenses(json, package.LicenseDeclared);
        json.OptionalString("copyright", IsAssertion(package.CopyrightText) ? package.CopyrightText : null);
        json.OptionalString("purl", package.PrimaryPurl ?? package.Purls().FirstOrDefault());
        WriteExternalReferences(json, package);
        WriteProperties(json, package);
        json.EndObject();
    }

    private static void WriteHashes(SbomJsonWriter json, List<SpdxChecksum> checksums)
    {
        var hashes = checksums
            .Select(c => (Algorithm: HashAlgorithm(c.Algorithm), Value: c.ChecksumValue))
            .Where(h => h.Algorithm is not null && h.Value.Length is 32 or 40 or 64 or 96 or 128
                && h.Value.All(char.IsAsciiHexDigit))
            .ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        json.StartArray("hashes");
        foreach (var (algorithm, value) in hashes)
        {
            json.StartObject();
            json.String("alg", algorithm!);
            json.String("content", value);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteLicenses(SbomJsonWriter json, string declared)
    {
        if (!IsAssertion(declared))
        {
            return;
        }

        json.StartArray("licenses");
        json.StartObject();
        if (LicenseExpression.IsValid(declared))
        {
            json.String("expression", declared);
        }
        else
        {
            json.StartObject("license");
            json.String("name", declared);
            json.EndObject();
        }

        json.EndObject();
        json.EndArray();
    }

    private static void WriteExternalReferences(SbomJsonWriter json, SpdxPackage package)
    {
        var references = new List<(string Type, string Url)>();
        if (package.Homepage.Length > 0)
        {
            references.Add(("website", package.Homepage));
        }

        if (package.PrimaryPackagePurpose != "SOURCE" && IsUrl(package.DownloadLocation))
        {
            references.Add(("distribution", package.DownloadLocation));
        }
        else if (package.PrimaryPackagePurpose == "SOURCE" && IsAssertion(package.DownloadLocation))
        {
            references.Add(("vcs", package.DownloadLocation));
        }

        if (references.Count == 0)
        {
            return;
        }

        json.StartArray("externalReferences");
        foreach (var (type, url) in references)
        {
            json.StartObject();
            json.String("type", type);
            json.String("url", url);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteProperties(SbomJsonWriter json, SpdxPackage package)
    {
        var properties = new List<(string Name, string Value)>();
        if (IsAssertion(package.Originator))
        {
            properties.Add(("apko:spdx:originator", package.Originator));
        }

        if (package.SourceInfo.Length > 0)
        {
            properties.Add(("apko:spdx:sourceInfo", package.SourceInfo));
        }

        properties.AddRange(package.Purls().Where(p => p != (package.PrimaryPurl ?? package.Purls().First()))
            .Select(p => ("apko:purl", p)));
        if (properties.Count == 0)
        {
            return;
        }

        json.StartArray("properties");
        foreach (var (name, value) in properties)
        {
            json.StartObject();
            json.String("name", name);
            json.String("value", value);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteDependencies(SbomJsonWriter json, SpdxDocument document, SpdxPackage root)
    {
        var refs = document.Packages.Select(p => p.SpdxId).ToHashSet(StringComparer.Ordinal);
        var outgoing = document.Relationships.ToLookup(r => r.SpdxElementId, StringComparer.Ordinal);
        json.StartArray("dependencies");
        foreach (var package in document.Packages)
        {
            var dependsOn = outgoing[package.SpdxId]
                .Where(r => refs.Contains(r.RelatedSpdxElement))
                .Where(r => r.RelationshipType == "DEPENDS_ON"
                    || (package == root && r.RelationshipType is "CONTAINS" or "VARIANT_OF"))
                .Select(r => r.RelatedSpdxElement)
                .Where(id => id != package.SpdxId)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            json.StartObject();
            json.String("ref", package.SpdxId);
            if (dependsOn.Count > 0)
            {
                json.StringArray("dependsOn", dependsOn);
            }

            json.EndObject();
        }

        json.EndArray();
    }

    private static string ComponentType(string purpose) => purpose switch
    {
        "CONTAINER" => "container",
        "OPERATING_SYSTEM" => "operating-system",
        "APPLICATION" => "application",
        "FRAMEWORK" => "framework",
        "FIRMWARE" => "firmware",
        "DEVICE" => "device",
        "FILE" or "INSTALL" or "ARCHIVE" => "file",
        _ => "library",
    };

    private static string? HashAlgorithm(string spdxAlgorithm) => spdxAlgorithm switch
    {
        "MD5" => "MD5",
        "SHA1" => "SHA-1",
        "SHA256" => "SHA-256",
        "SHA384" => "SHA-384",
        "SHA512" => "SHA-512",
        "SHA3-256" or "SHA3-384" or "SHA3-512" or "BLAKE2b-256" or "BLAKE2b-384" or "BLAKE2b-512" or "BLAKE3"
            => spdxAlgorithm,
        _ => null,
    };

    // "Organization: Alpine Linux" and "Person: Jane (jane@example.com)" name an entity, but NOASSERTION does not.
    private static string? EntityName(string value)
    {
        var colon = value.IndexOf(':');
        var name = colon >= 0 ? value[(colon + 1)..].Trim() : value.Trim();
        return IsAssertion(value) && name.Length > 0 ? name : null;
    }

    private static bool IsAssertion(string value) =>
        value.Length > 0 && value is not (SpdxValues.NoAssertion or SpdxValues.None);

    private static bool IsUrl(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "ftp" or "git" or "git+ssh" or "git+https";

    // A name-based UUID (RFC 4122 version 5 layout) from the root's identifier: the same image gets the same
    // serial number, as reproducible output needs, and different images get different ones.
    private static string SerialNumber(string rootId)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("apko-sbom:" + rootId));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
