namespace Apko.Sbom;

/// <summary>A licence that is not on the SPDX list, with its text.</summary>
/// <param name="LicenseId">Identifier, <c>LicenseRef-</c> followed by letters, digits, <c>.</c> and <c>-</c>.</param>
/// <param name="ExtractedText">The licence text.</param>
internal sealed record SpdxLicensingInfo(string LicenseId, string ExtractedText);
