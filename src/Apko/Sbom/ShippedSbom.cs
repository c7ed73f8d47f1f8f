using System.Text.RegularExpressions;
using Apko.Apk.Indexes;

namespace Apko.Sbom;

/// <summary>The bytes of an SPDX document that a package installs under <c>/var/lib/db/sbom/</c>.</summary>
/// <param name="Path">Absolute path in the image, such as <c>/var/lib/db/sbom/busybox-1.36.1-r15.spdx.json</c>.</param>
/// <param name="Content">The file's bytes.</param>
internal sealed partial record ShippedSbom(string Path, byte[] Content)
{
    /// <summary>The directory in the image where melange-built packages install their SBOM.</summary>
    public const string Directory = "/var/lib/db/sbom";

    /// <summary>
    /// Finds a package's SBOM the way apko does: <c>NAME-VERSION.spdx.json</c>, else the same without the
    /// <c>-rN</c> revision, else <c>NAME.spdx.json</c>.
    /// </summary>
    /// <param name="package">The installed package.</param>
    /// <param name="readFile">Returns a file's bytes for an absolute image path, or null for a missing file.</param>
    /// <returns>The first candidate that exists, or null.</returns>
    public static ShippedSbom? Locate(ApkPackage package, Func<string, byte[]?> readFile)
    {
        foreach (var path in CandidatePaths(package))
        {
            if (readFile(path) is { } content)
            {
                return new ShippedSbom(path, content);
            }
        }

        return null;
    }

    /// <summary>Returns the paths <see cref="Locate"/> tries, in order.</summary>
    public static IReadOnlyList<string> CandidatePaths(ApkPackage package) =>
    [
        $"{Directory}/{package.Name}-{package.Version}.spdx.json",
        $"{Directory}/{package.Name}-{RevisionSuffix().Replace(package.Version, "")}.spdx.json",
        $"{Directory}/{package.Name}.spdx.json",
    ];

    [GeneratedRegex(@"-r\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RevisionSuffix();
}
