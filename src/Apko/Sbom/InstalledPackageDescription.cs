using Apko.Apk.Indexes;

namespace Apko.Sbom;

/// <summary>Describes an installed package from its installed-database record.</summary>
internal static class InstalledPackageDescription
{
    /// <summary>
    /// Creates the SPDX package for an installed package: apk purl in the os-release namespace, declared licence,
    /// supplier, originator, origin, checksums and download location.
    /// </summary>
    public static SpdxPackage Create(SbomPackageInput input, OsRelease os, string supplier)
    {
        var apk = input.Package;
        var purl = PackageUrl.Apk(os.Id, apk.Name, apk.Version, apk.Arch);
        var licenseValid = LicenseExpression.IsValid(apk.License);
        var package = new SpdxPackage
        {
            SpdxId = SpdxIdentifier.Sanitize($"SPDXRef-Package-apk-{apk.Name}-{apk.Version}"),
            Name = apk.Name,
            VersionInfo = apk.Version,
            LicenseConcluded = SpdxValues.NoAssertion,
            LicenseDeclared = licenseValid ? apk.License : SpdxValues.NoAssertion,
            LicenseComments = licenseValid || apk.License.Length == 0
                ? ""
                : $"The apk package declares the licence '{apk.License}', which is not an SPDX licence expression.",
            Description = apk.Description,
            DownloadLocation = DownloadLocation(input),
            Homepage = IsWebUrl(apk.Url) ? apk.Url : "",
            Supplier = supplier,
            Originator = apk.Maintainer.Length > 0 ? "Person: " + Person(apk.Maintainer) : supplier,
            SourceInfo = SourceInfo(apk),
            CopyrightText = SpdxValues.NoAssertion,
            PrimaryPurl = purl,
        };
        if (Sha1Hex(apk.Checksum) is { } sha1)
        {
            package.AddChecksum(new SpdxChecksum("SHA1", sha1));
        }

        if (apk.DataHash is { Length: 64 } dataHash && dataHash.All(char.IsAsciiHexDigit))
        {
            package.AddChecksum(new SpdxChecksum("SHA256", dataHash.ToLowerInvariant()));
        }

        package.AddExternalRef(SpdxExternalRef.Purl(purl));
        return package;
    }

    /// <summary>Returns the hex SHA-1 of an apk <c>Q1</c> checksum (base64 after <c>Q1</c>), or null.</summary>
    public static string? Sha1Hex(string? checksum)
    {
        if (checksum is null || !checksum.StartsWith("Q1", StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = new byte[20];
        return Convert.TryFromBase64String(checksum[2..], bytes, out var written) && written == 20
            ? Convert.ToHexStringLower(bytes)
            : null;
    }

    // "Jane Doe <jane@example.com>" becomes SPDX's "Jane Doe (jane@example.com)".
    private static string Person(string maintainer)
    {
        var open = maintainer.IndexOf('<');
        var close = maintainer.LastIndexOf('>');
        if (open < 0 || close < open)
        {
            return maintainer.Trim();
        }

        return $"{maintainer[..open].Trim()} ({maintainer[(open + 1)..close].Trim()})".Trim();
    }

    private static string SourceInfo(ApkPackage apk)
    {
        if (apk.Origin.Length == 0)
        {
            return "";
        }

        var commit = apk.Commit.Length > 0 ? $" at commit {apk.Commit}" : "";
        return $"built from the apk origin package '{apk.Origin}'{commit}";
    }

    private static string DownloadLocation(SbomPackageInput input)
    {
        var repository = input.RepositoryUrl;
        if (repository is null || !IsWebUrl(repository))
        {
            return SpdxValues.NoAssertion;
        }

        var apk = input.Package;
        return $"{repository.TrimEnd('/')}/{apk.Arch}/{apk.Name}-{apk.Version}.apk";
    }

    private static bool IsWebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
