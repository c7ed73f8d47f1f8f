namespace Apko.Sbom;

/// <summary>
/// Writes the SBOMs of an image build: <c>sbom-&lt;apkarch&gt;.spdx.json</c> and <c>.cdx.json</c> per
/// architecture, <c>sbom-index.spdx.json</c> and <c>.cdx.json</c> for the index. Pure: the same input gives the
/// same bytes.
/// </summary>
internal static class SbomGenerator
{
    /// <summary>Returns the SBOM files of one architecture's image.</summary>
    /// <exception cref="ApkoException">The image has no layers, or a package ships a malformed SBOM.</exception>
    public static IReadOnlyList<SbomFile> GenerateImage(SbomImageInput input, SbomFormats formats)
    {
        if (formats == SbomFormats.None)
        {
            return [];
        }

        var document = ImageSbomBuilder.Build(input);
        return Render(document, ImageSbomBuilder.ImageId(input), $"sbom-{input.ApkArch}", input.ToolVersion, formats);
    }

    /// <summary>Returns the SBOM files of the image index.</summary>
    /// <exception cref="ApkoException">The index lists no images.</exception>
    public static IReadOnlyList<SbomFile> GenerateIndex(SbomIndexInput input, SbomFormats formats)
    {
        if (formats == SbomFormats.None)
        {
            return [];
        }

        var document = IndexSbomBuilder.Build(input);
        return Render(document, IndexSbomBuilder.IndexId(input), "sbom-index", input.ToolVersion, formats);
    }

    private static List<SbomFile> Render(
        SpdxDocument document, string rootId, string baseName, string toolVersion, SbomFormats formats)
    {
        var files = new List<SbomFile>();
        if (formats.HasFlag(SbomFormats.Spdx))
        {
            files.Add(new SbomFile(baseName + ".spdx.json", SpdxJsonWriter.Write(document)));
        }

        if (formats.HasFlag(SbomFormats.CycloneDx))
        {
            files.Add(new SbomFile(baseName + ".cdx.json", CycloneDxJsonWriter.Write(document, rootId, toolVersion)));
        }

        return files;
    }
}
