namespace Apko.Sbom;

/// <summary>An SPDX external reference, such as a purl.</summary>
/// <param name="ReferenceCategory">Category, such as <c>PACKAGE-MANAGER</c>.</param>
/// <param name="ReferenceLocator">The reference, such as <c>pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64</c>.</param>
/// <param name="ReferenceType">Type, such as <c>purl</c>.</param>
internal sealed record SpdxExternalRef(string ReferenceCategory, string ReferenceLocator, string ReferenceType)
{
    /// <summary>Creates a package-manager purl reference.</summary>
    public static SpdxExternalRef Purl(string purl) =>
        new(SpdxValues.PackageManagerCategory, purl, SpdxValues.PurlType);
}
