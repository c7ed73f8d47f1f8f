using System.Text.Json;
using Apko.Apk.Indexes;

namespace Apko.Sbom;

/// <summary>The SBOM errors (<c>APKO60xx</c>), one method per message.</summary>
internal static class SbomErrors
{
    private const string Remedy =
        "Rebuild the package with a valid SPDX 2.3 JSON document, or remove the file from the package.";

    /// <summary>The shipped SBOM is larger than the limit.</summary>
    public static ApkoException TooLarge(ApkPackage package, string path, long size, long limit) => new(
        "APKO6001",
        $"Package '{package}' ships an SBOM at '{path}' of {size} bytes, more than the {limit} bytes allowed. "
        + Remedy);

    /// <summary>The shipped SBOM is not JSON.</summary>
    public static ApkoException InvalidJson(ApkPackage package, string path, JsonException error) => new(
        "APKO6002",
        $"Package '{package}' ships an SBOM at '{path}' that is not valid JSON (line {error.LineNumber + 1}, byte "
        + $"{error.BytePositionInLine + 1}): {error.Message} {Remedy}",
        error);

    /// <summary>A value of the shipped SBOM has the wrong JSON type.</summary>
    public static ApkoException WrongType(ApkPackage package, string path, string location, string expected) => new(
        "APKO6003",
        $"Package '{package}' ships an SBOM at '{path}' whose '{location}' is not {expected}. {Remedy}");

    /// <summary>A required value of the shipped SBOM is missing.</summary>
    public static ApkoException Missing(ApkPackage package, string path, string location) => new(
        "APKO6004",
        $"Package '{package}' ships an SBOM at '{path}' that lacks '{location}', which SPDX 2.3 requires. {Remedy}");

    /// <summary>An SPDX identifier of the shipped SBOM is malformed.</summary>
    public static ApkoException InvalidId(ApkPackage package, string path, string location, string id) => new(
        "APKO6005",
        $"Package '{package}' ships an SBOM at '{path}' whose '{location}' is '{Clip(id)}', not an SPDX identifier "
        + $"('SPDXRef-' followed by letters, digits, '.' and '-'). {Remedy}");

    /// <summary>Two packages of the shipped SBOM share an identifier.</summary>
    public static ApkoException DuplicateId(ApkPackage package, string path, string id) => new(
        "APKO6006",
        $"Package '{package}' ships an SBOM at '{path}' that lists the package '{Clip(id)}' more than once. SPDX "
        + $"identifiers must be unique within a document. {Remedy}");

    /// <summary>A value of the shipped SBOM is not one SPDX 2.3 allows.</summary>
    public static ApkoException InvalidValue(ApkPackage package, string path, string location, string value) => new(
        "APKO6007",
        $"Package '{package}' ships an SBOM at '{path}' whose '{location}' is '{Clip(value)}', which SPDX 2.3 does "
        + $"not allow there. {Remedy}");

    /// <summary>Relationships of the shipped SBOM name elements the document does not contain.</summary>
    public static ApkoException MissingElements(ApkPackage package, string path, IEnumerable<string> ids) => new(
        "APKO6008",
        $"Package '{package}' ships an SBOM at '{path}' whose relationships name elements it does not contain: "
        + $"{string.Join(", ", ids.Order(StringComparer.Ordinal).Take(10).Select(id => $"'{Clip(id)}'"))}. {Remedy}");

    /// <summary>The image input lists no layers.</summary>
    public static ApkoException NoLayers(string arch) => new(
        "APKO6010",
        $"Cannot write the SBOM of the {arch} image: the image has no layers. Build the image before its SBOM.");

    /// <summary>The index input lists no images.</summary>
    public static ApkoException NoImages(string indexDigest) => new(
        "APKO6011",
        $"Cannot write the SBOM of the image index '{indexDigest}': it lists no images. Build at least one "
        + "architecture before the index SBOM.");

    private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
