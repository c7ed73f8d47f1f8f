namespace Apko.Sbom;

/// <summary>One SBOM file to write beside the image.</summary>
/// <param name="FileName">File name, such as <c>sbom-x86_64.spdx.json</c>.</param>
/// <param name="Content">The file's bytes.</param>
internal sealed record SbomFile(string FileName, byte[] Content);
