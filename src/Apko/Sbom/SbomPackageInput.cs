using Apko.Apk.Indexes;

namespace Apko.Sbom;

/// <summary>One installed package and the SBOM it ships, if any.</summary>
/// <param name="Package">The package's metadata, as the installed database records it.</param>
/// <param name="ShippedSbom">
/// The SPDX document the package installs under <c>/var/lib/db/sbom/</c>; null when none.
/// </param>
/// <param name="RepositoryUrl">
/// The repository the package came from, such as <c>https://dl-cdn.alpinelinux.org/alpine/v3.19/main</c>; null
/// when unknown. Only http and https repositories give the package a download location.
/// </param>
internal sealed record SbomPackageInput(
    ApkPackage Package,
    ShippedSbom? ShippedSbom = null,
    string? RepositoryUrl = null);
