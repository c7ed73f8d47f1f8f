using System.Globalization;
using Apko.Oci.Model;

namespace Apko.Sbom;

/// <summary>
/// Assembles the SPDX document of one architecture's image: image, layers, operating system and source as apko
/// writes them, the contents of every SBOM the installed packages ship, and one package per installed package.
/// </summary>
internal sealed partial class ImageSbomBuilder
{
    private readonly SbomImageInput _input;
    private readonly OsRelease _os;
    private readonly string _supplier;
    private readonly SpdxDocument _document;
    private readonly string _imageId;
    private readonly HashSet<string> _fixedIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _installedIds = new(StringComparer.Ordinal);

    private ImageSbomBuilder(SbomImageInput input)
    {
        _input = input;
        _os = input.OsRelease ?? OsRelease.Unknown;
        _supplier = SupplierOf(_os.Name);
        _imageId = ImageId(input);
        _document = new SpdxDocument
        {
            Name = "sbom-" + input.Layers[0].Digest,
            Created = FormatTime(input.Created),
            Creators = Creators(input.ToolVersion),
        };
    }

    /// <summary>Builds the document.</summary>
    /// <exception cref="ApkoException">The input has no layers, or a shipped SBOM is malformed.</exception>
    public static SpdxDocument Build(SbomImageInput input)
    {
        if (input.Layers.Count == 0)
        {
            throw SbomErrors.NoLayers(input.ApkArch);
        }

        return new ImageSbomBuilder(input).Run();
    }

    /// <summary>Returns the identifier of the image package, the document's root.</summary>
    public static string ImageId(SbomImageInput input) =>
        "SPDXRef-Package-Image-" + SpdxIdentifier.Sanitize(input.ManifestDigest.ToString());

    /// <summary>Returns apko's creators list.</summary>
    public static IReadOnlyList<string> Creators(string toolVersion) =>
        [$"Tool: apko ({toolVersion})", "Organization: Chainguard, Inc"];

    /// <summary>Formats a time as RFC 3339 in UTC, as Go's <c>time.RFC3339</c> does.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Returns <c>Organization: NAME</c>, or <c>NOASSERTION</c> for an empty name.</summary>
    public static string SupplierOf(string? name) =>
        string.IsNullOrEmpty(name) ? SpdxValues.NoAssertion : "Organization: " + name;

    private SpdxDocument Run()
    {
        AddImage();
        AddLayers();
        AddOperatingSystem();
        AddSource();
        var packages = _input.Packages.OrderBy(p => p.Package.Name, StringComparer.Ordinal).ToList();
        AddInstalledPackages(packages);
        AddDependencies(packages);
        ApplyAliases();
        return _document;
    }

    private void AddImage()
    {
        var digest = _input.ManifestDigest.ToString();
        var image = AddFixed(new SpdxPackage
        {
            SpdxId = _imageId,
            Name = digest,
            VersionInfo = digest,
            Description = "apko container image",
            Supplier = _supplier,
            PrimaryPackagePurpose = "CONTAINER",
        });
        image.AddChecksum(new SpdxChecksum("SHA256", _input.ManifestDigest.Encoded));
        image.AddExternalRef(SpdxExternalRef.Purl(OciPurl(_input.ManifestDigest, PackageUrl.ManifestMediaType)));
        _document.DocumentDescribes.Add(_imageId);
        _document.Relate(SpdxDocument.DocumentId, "DESCRIBES", _imageId);
    }

    private void AddLayers()
    {
        foreach (var layer in _input.Layers)
        {
            var package = AddFixed(new SpdxPackage
            {
                SpdxId = "SPDXRef-Package-ImageLayer-" + SpdxIdentifier.Sanitize(layer.Digest.ToString()),
                Name = layer.Digest.ToString(),
                VersionInfo = _os.VersionId,
                Description = "apko operating system layer",
                Supplier = _supplier,
                PrimaryPackagePurpose = "CONTAINER",
            });
            package.AddChecksum(new SpdxChecksum("SHA256", layer.Digest.Encoded));
            package.AddExternalRef(SpdxExternalRef.Purl(OciPurl(layer.Digest, layer.MediaType)));
            _document.Relate(_imageId, "CONTAINS", package.SpdxId);
        }
    }

    private void AddOperatingSystem()
    {
        var os = AddFixed(new SpdxPackage
        {
            SpdxId = "SPDXRef-OperatingSystem-" + SpdxIdentifier.Sanitize(_os.Id),
            Name = _os.Id,
            VersionInfo = _os.VersionId,
            Description = "Operating System",
            Supplier = _supplier,
            PrimaryPackagePurpose = "OPERATING_SYSTEM",
        });
        _document.Relate(_imageId, "CONTAINS", os.SpdxId);
    }

    private void AddSource()
    {
        if (SourcePackage.Create(_input.VcsUrl, _supplier) is not { } source)
        {
            return;
        }

        AddFixed(source);
        _document.Relate(_imageId, "GENERATED_FROM", source.SpdxId);
    }

    private SpdxPackage AddFixed(SpdxPackage package)
    {
        if (!_document.TryAddPackage(package))
        {
            return _document.Find(package.SpdxId)!;
        }

        _fixedIds.Add(package.SpdxId);
        return package;
    }

    private string OciPurl(Digest digest, string mediaType)
    {
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["arch"] = _input.Platform.Architecture,
            ["mediaType"] = mediaType,
            ["os"] = _input.Platform.Os,
        };
        return PackageUrl.Oci(PackageUrl.ImageName(_input.ImageReference), digest.ToString(), qualifiers);
    }

    private void ApplyAliases()
    {
        string Resolve(string id) => _aliases.TryGetValue(id, out var target) ? Resolve(target) : id;

        if (_aliases.Count == 0)
        {
            return;
        }

        _document.RewriteRelationships(r =>
        {
            var element = Resolve(r.SpdxElementId);
            var related = Resolve(r.RelatedSpdxElement);
            var merged = element == related && r.SpdxElementId != r.RelatedSpdxElement;
            return merged ? null : r with { SpdxElementId = element, RelatedSpdxElement = related };
        });
    }
}
