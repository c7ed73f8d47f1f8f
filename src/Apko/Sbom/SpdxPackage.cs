namespace Apko.Sbom;

/// <summary>
/// An SPDX 2.3 package while a document is assembled. Mutable so that entries describing the same installed
/// package can be merged; the writers only read it.
/// </summary>
internal sealed class SpdxPackage
{
    /// <summary>SPDX identifier, <c>SPDXRef-</c> followed by letters, digits, <c>.</c> and <c>-</c>.</summary>
    public required string SpdxId { get; set; }

    /// <summary>Package name.</summary>
    public required string Name { get; set; }

    /// <summary>Version; empty when unknown.</summary>
    public string VersionInfo { get; set; } = "";

    /// <summary>Whether files were analysed; always false in our documents, which list no files.</summary>
    public bool FilesAnalyzed { get; set; }

    /// <summary>Concluded licence expression; empty to omit.</summary>
    public string LicenseConcluded { get; set; } = "";

    /// <summary>Declared licence expression; empty to omit.</summary>
    public string LicenseDeclared { get; set; } = "";

    /// <summary>Comment on the licences, such as the raw apk licence text when it is not an SPDX expression.</summary>
    public string LicenseComments { get; set; } = "";

    /// <summary>Description; empty to omit.</summary>
    public string Description { get; set; } = "";

    /// <summary>Download location, a URL or <c>NOASSERTION</c>.</summary>
    public string DownloadLocation { get; set; } = SpdxValues.NoAssertion;

    /// <summary>Home page URL; empty to omit.</summary>
    public string Homepage { get; set; } = "";

    /// <summary>Originator, such as <c>Person: Jane (jane@example.com)</c>; empty to omit.</summary>
    public string Originator { get; set; } = "";

    /// <summary>Supplier, such as <c>Organization: Alpine Linux</c>; empty to omit.</summary>
    public string Supplier { get; set; } = "";

    /// <summary>Where the package was built from; empty to omit.</summary>
    public string SourceInfo { get; set; } = "";

    /// <summary>Copyright text; empty to omit.</summary>
    public string CopyrightText { get; set; } = "";

    /// <summary>Primary purpose, one of SPDX 2.3's values such as <c>CONTAINER</c>; empty to omit.</summary>
    public string PrimaryPackagePurpose { get; set; } = "";

    /// <summary>Checksums, at most one per algorithm.</summary>
    public List<SpdxChecksum> Checksums { get; } = [];

    /// <summary>External references, such as purls.</summary>
    public List<SpdxExternalRef> ExternalRefs { get; } = [];

    /// <summary>
    /// The purl that names this package in CycloneDX, which allows one purl per component; null to use the first
    /// purl among <see cref="ExternalRefs"/>.
    /// </summary>
    public string? PrimaryPurl { get; set; }

    /// <summary>Adds a checksum unless one with the same algorithm is present.</summary>
    public void AddChecksum(SpdxChecksum checksum)
    {
        if (!Checksums.Exists(c => c.Algorithm == checksum.Algorithm))
        {
            Checksums.Add(checksum);
        }
    }

    /// <summary>Adds an external reference unless an equal one is present.</summary>
    public void AddExternalRef(SpdxExternalRef reference)
    {
        if (!ExternalRefs.Contains(reference))
        {
            ExternalRefs.Add(reference);
        }
    }

    /// <summary>Returns the purls among the external references.</summary>
    public IEnumerable<string> Purls() =>
        ExternalRefs.Where(r => r.ReferenceType == SpdxValues.PurlType).Select(r => r.ReferenceLocator);

    /// <summary>
    /// Copies every field this package lacks from another entry for the same package, and the other's checksums
    /// and external references.
    /// </summary>
    public void FillFrom(SpdxPackage other)
    {
        VersionInfo = First(VersionInfo, other.VersionInfo);
        LicenseConcluded = First(LicenseConcluded, other.LicenseConcluded);
        LicenseDeclared = First(LicenseDeclared, other.LicenseDeclared);
        LicenseComments = First(LicenseComments, other.LicenseComments);
        Description = First(Description, other.Description);
        Homepage = First(Homepage, other.Homepage);
        Originator = First(Originator, other.Originator);
        Supplier = First(Supplier, other.Supplier);
        SourceInfo = First(SourceInfo, other.SourceInfo);
        CopyrightText = First(CopyrightText, other.CopyrightText);
        PrimaryPackagePurpose = First(PrimaryPackagePurpose, other.PrimaryPackagePurpose);
        if (DownloadLocation is "" or SpdxValues.NoAssertion)
        {
            DownloadLocation = other.DownloadLocation;
        }

        PrimaryPurl ??= other.PrimaryPurl;
        other.Checksums.ForEach(AddChecksum);
        other.ExternalRefs.ForEach(AddExternalRef);
    }

    private static string First(string mine, string theirs) => mine.Length > 0 ? mine : theirs;
}
