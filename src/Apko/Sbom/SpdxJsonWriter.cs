namespace Apko.Sbom;

/// <summary>Writes an SPDX 2.3 JSON document with apko's property order and layout.</summary>
internal static class SpdxJsonWriter
{
    /// <summary>The SPDX licence list version apko declares.</summary>
    public const string LicenseListVersion = "3.27";

    /// <summary>apko's document namespace; the same for every document.</summary>
    public const string DocumentNamespace = "https://spdx.org/spdxdocs/apko/";

    /// <summary>Returns the document's bytes.</summary>
    public static byte[] Write(SpdxDocument document)
    {
        var json = new SbomJsonWriter();
        json.StartObject();
        json.String("SPDXID", SpdxDocument.DocumentId);
        json.String("name", document.Name);
        json.String("spdxVersion", "SPDX-2.3");
        json.StartObject("creationInfo");
        json.String("created", document.Created);
        json.StringArray("creators", document.Creators);
        json.String("licenseListVersion", LicenseListVersion);
        json.EndObject();
        json.String("dataLicense", "CC0-1.0");
        json.String("documentNamespace", DocumentNamespace);
        json.StringArray("documentDescribes", document.DocumentDescribes);
        json.StartArray("packages");
        foreach (var package in document.Packages)
        {
            WritePackage(json, package);
        }

        json.EndArray();
        json.StartArray("relationships");
        foreach (var relationship in document.Relationships)
        {
            WriteRelationship(json, relationship);
        }

        json.EndArray();
        if (document.LicensingInfos.Count > 0)
        {
            json.StartArray("hasExtractedLicensingInfos");
            foreach (var info in document.LicensingInfos)
            {
                WriteLicensingInfo(json, info);
            }

            json.EndArray();
        }

        json.EndObject();
        return json.ToArray();
    }

    private static void WritePackage(SbomJsonWriter json, SpdxPackage package)
    {
        json.StartObject();
        json.String("SPDXID", package.SpdxId);
        json.String("name", package.Name);
        json.OptionalString("versionInfo", package.VersionInfo);
        json.Boolean("filesAnalyzed", package.FilesAnalyzed);
        json.OptionalString("licenseConcluded", package.LicenseConcluded);
        json.OptionalString("licenseDeclared", package.LicenseDeclared);
        json.OptionalString("licenseComments", package.LicenseComments);
        json.OptionalString("description", package.Description);
        json.String("downloadLocation", package.DownloadLocation);
        json.OptionalString("homepage", package.Homepage);
        json.OptionalString("originator", package.Originator);
        json.OptionalString("supplier", package.Supplier);
        json.OptionalString("sourceInfo", package.SourceInfo);
        json.OptionalString("copyrightText", package.CopyrightText);
        json.OptionalString("primaryPackagePurpose", package.PrimaryPackagePurpose);
        if (package.Checksums.Count > 0)
        {
            json.StartArray("checksums");
            foreach (var checksum in package.Checksums)
            {
                json.StartObject();
                json.String("algorithm", checksum.Algorithm);
                json.String("checksumValue", checksum.ChecksumValue);
                json.EndObject();
            }

            json.EndArray();
        }

        WriteExternalRefs(json, package.ExternalRefs);
        json.EndObject();
    }

    private static void WriteExternalRefs(SbomJsonWriter json, List<SpdxExternalRef> references)
    {
        if (references.Count == 0)
        {
            return;
        }

        json.StartArray("externalRefs");
        foreach (var reference in references)
        {
            json.StartObject();
            json.String("referenceCategory", reference.ReferenceCategory);
            json.String("referenceLocator", reference.ReferenceLocator);
            json.String("referenceType", reference.ReferenceType);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteRelationship(SbomJsonWriter json, SpdxRelationship relationship)
    {
        json.StartObject();
        json.String("spdxElementId", relationship.SpdxElementId);
        json.String("relationshipType", relationship.RelationshipType);
        json.String("relatedSpdxElement", relationship.RelatedSpdxElement);
        json.EndObject();
    }

    private static void WriteLicensingInfo(SbomJsonWriter json, SpdxLicensingInfo info)
    {
        json.StartObject();
        json.String("licenseId", info.LicenseId);
        json.String("extractedText", info.ExtractedText);
        json.EndObject();
    }
}
