namespace Apko.Sbom;

/// <summary>Assembles the SPDX document of a multi-architecture image index, as apko writes it.</summary>
internal static class IndexSbomBuilder
{
    /// <summary>Returns the identifier of the index package, the document's root.</summary>
    public static string IndexId(SbomIndexInput input) =>
        "SPDXRef-Package-" + SpdxIdentifier.Sanitize(input.IndexDigest.ToString());

    /// <summary>Builds the document.</summary>
    /// <exception cref="ApkoException">The index lists no images.</exception>
    public static SpdxDocument Build(SbomIndexInput input)
    {
        if (input.Images.Count == 0)
        {
            throw SbomErrors.NoImages(input.IndexDigest.ToString());
        }

        var supplier = ImageSbomBuilder.SupplierOf(input.SupplierName);
        var document = new SpdxDocument
        {
            Name = "sbom-" + input.IndexDigest,
            Created = ImageSbomBuilder.FormatTime(input.Created),
            Creators = ImageSbomBuilder.Creators(input.ToolVersion),
        };
        var name = PackageUrl.ImageName(input.ImageReference);
        var index = IndexPackage(input, name, supplier);
        document.TryAddPackage(index);
        document.DocumentDescribes.Add(index.SpdxId);
        document.Relate(SpdxDocument.DocumentId, "DESCRIBES", index.SpdxId);
        foreach (var image in input.Images)
        {
            var package = ImagePackage(image, name, supplier);
            document.TryAddPackage(package);
            document.Relate(index.SpdxId, "VARIANT_OF", package.SpdxId);
        }

        if (SourcePackage.Create(input.VcsUrl, supplier) is { } source)
        {
            document.TryAddPackage(source);
            document.Relate(index.SpdxId, "GENERATED_FROM", source.SpdxId);
        }

        return document;
    }

    private static SpdxPackage IndexPackage(SbomIndexInput input, string name, string supplier)
    {
        var digest = input.IndexDigest.ToString();
        var index = new SpdxPackage
        {
            SpdxId = IndexId(input),
            Name = digest,
            VersionInfo = digest,
            Description = "Multi-arch image index",
            Supplier = supplier,
            SourceInfo = "Generated at image build time by apko",
            PrimaryPackagePurpose = "CONTAINER",
        };
        index.AddChecksum(new SpdxChecksum("SHA256", input.IndexDigest.Encoded));

        // apko names the index "index" in its purl when the image has no name of its own.
        var qualifiers = new Dictionary<string, string> { ["mediaType"] = PackageUrl.IndexMediaType };
        var purlName = name == "image" ? "index" : name;
        index.AddExternalRef(SpdxExternalRef.Purl(PackageUrl.Oci(purlName, digest, qualifiers)));
        return index;
    }

    private static SpdxPackage ImagePackage(SbomIndexImage image, string name, string supplier)
    {
        var digest = image.ManifestDigest.ToString();
        var package = new SpdxPackage
        {
            SpdxId = "SPDXRef-Package-" + SpdxIdentifier.Sanitize(digest),
            Name = digest,
            VersionInfo = digest,
            Supplier = supplier,
            PrimaryPackagePurpose = "CONTAINER",
        };
        package.AddChecksum(new SpdxChecksum("SHA256", image.ManifestDigest.Encoded));
        var qualifiers = new Dictionary<string, string>
        {
            ["arch"] = image.Platform.Architecture,
            ["mediaType"] = PackageUrl.ManifestMediaType,
            ["os"] = image.Platform.Os,
        };
        package.AddExternalRef(SpdxExternalRef.Purl(PackageUrl.Oci(name, digest, qualifiers)));
        return package;
    }
}
