namespace Apko.Sbom;

/// <summary>Fixed SPDX 2.3 strings and value lists.</summary>
internal static class SpdxValues
{
    /// <summary>The value meaning "not stated".</summary>
    public const string NoAssertion = "NOASSERTION";

    /// <summary>The value meaning "there is none".</summary>
    public const string None = "NONE";

    /// <summary>The external reference category of purls.</summary>
    public const string PackageManagerCategory = "PACKAGE-MANAGER";

    /// <summary>The external reference type of purls.</summary>
    public const string PurlType = "purl";

    /// <summary>The relationship types the SPDX 2.3 JSON schema allows.</summary>
    public static readonly IReadOnlySet<string> RelationshipTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "VARIANT_OF", "COPY_OF", "PATCH_FOR", "TEST_DEPENDENCY_OF", "CONTAINED_BY", "DATA_FILE_OF",
        "OPTIONAL_COMPONENT_OF", "ANCESTOR_OF", "GENERATES", "CONTAINS", "OPTIONAL_DEPENDENCY_OF", "FILE_ADDED",
        "REQUIREMENT_DESCRIPTION_FOR", "DEV_DEPENDENCY_OF", "DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "DESCRIBES",
        "PREREQUISITE_FOR", "HAS_PREREQUISITE", "PROVIDED_DEPENDENCY_OF", "DYNAMIC_LINK", "DESCRIBED_BY",
        "METAFILE_OF", "DEPENDENCY_MANIFEST_OF", "PATCH_APPLIED", "RUNTIME_DEPENDENCY_OF", "TEST_OF", "TEST_TOOL_OF",
        "DEPENDS_ON", "SPECIFICATION_FOR", "FILE_MODIFIED", "DISTRIBUTION_ARTIFACT", "AMENDS", "DOCUMENTATION_OF",
        "GENERATED_FROM", "STATIC_LINK", "OTHER", "BUILD_TOOL_OF", "TEST_CASE_OF", "PACKAGE_OF", "DESCENDANT_OF",
        "FILE_DELETED", "EXPANDED_FROM_ARCHIVE", "DEV_TOOL_OF", "EXAMPLE_OF",
    };

    /// <summary>The checksum algorithms the SPDX 2.3 JSON schema allows.</summary>
    public static readonly IReadOnlySet<string> ChecksumAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        "SHA1", "BLAKE3", "SHA3-384", "SHA256", "SHA384", "BLAKE2b-512", "BLAKE2b-256", "SHA3-512", "MD2", "ADLER32",
        "MD4", "SHA3-256", "BLAKE2b-384", "SHA512", "MD6", "MD5", "SHA224",
    };

    /// <summary>The primary package purposes the SPDX 2.3 JSON schema allows.</summary>
    public static readonly IReadOnlySet<string> Purposes = new HashSet<string>(StringComparer.Ordinal)
    {
        "OTHER", "INSTALL", "ARCHIVE", "FIRMWARE", "APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "SOURCE",
        "DEVICE", "OPERATING_SYSTEM", "FILE",
    };

    /// <summary>
    /// Returns the schema's spelling of an external reference category, or null when it is not one. Older melange
    /// releases wrote <c>PACKAGE_MANAGER</c> and <c>PERSISTENT_ID</c>, which the SPDX 2.3 JSON schema rejects.
    /// </summary>
    public static string? NormalizeCategory(string category) => category switch
    {
        "OTHER" or "SECURITY" or "PACKAGE-MANAGER" or "PERSISTENT-ID" => category,
        "PACKAGE_MANAGER" => "PACKAGE-MANAGER",
        "PERSISTENT_ID" => "PERSISTENT-ID",
        _ => null,
    };

    /// <summary>
    /// Returns the schema's spelling of a primary package purpose, or null when it is not one. melange writes
    /// <c>OPERATING-SYSTEM</c>, which the SPDX 2.3 JSON schema spells <c>OPERATING_SYSTEM</c>.
    /// </summary>
    public static string? NormalizePurpose(string purpose)
    {
        var normalized = purpose.Replace('-', '_');
        return Purposes.Contains(normalized) ? normalized : null;
    }
}
