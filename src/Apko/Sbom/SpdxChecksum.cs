namespace Apko.Sbom;

/// <summary>An SPDX checksum.</summary>
/// <param name="Algorithm">SPDX algorithm name, such as <c>SHA256</c>.</param>
/// <param name="ChecksumValue">Lower-case hex value.</param>
internal sealed record SpdxChecksum(string Algorithm, string ChecksumValue);
