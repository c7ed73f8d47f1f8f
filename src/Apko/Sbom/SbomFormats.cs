namespace Apko.Sbom;

/// <summary>The SBOM formats the build can write (apko's <c>--sbom-formats</c>).</summary>
[Flags]
internal enum SbomFormats
{
    /// <summary>No SBOM.</summary>
    None = 0,

    /// <summary>SPDX 2.3 JSON, <c>*.spdx.json</c>; apko's only format.</summary>
    Spdx = 1,

    /// <summary>CycloneDX 1.6 JSON, <c>*.cdx.json</c>.</summary>
    CycloneDx = 2,
}
