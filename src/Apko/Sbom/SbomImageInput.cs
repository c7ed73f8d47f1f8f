using Apko.Oci.Model;

namespace Apko.Sbom;

/// <summary>What the build knows about one architecture's image when it writes that image's SBOMs.</summary>
internal sealed record SbomImageInput
{
    /// <summary>APK architecture, such as <c>x86_64</c>; names the output files.</summary>
    public required string ApkArch { get; init; }

    /// <summary>OCI platform of the image; its architecture goes into the image purl.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Digest of the image manifest.</summary>
    public required Digest ManifestDigest { get; init; }

    /// <summary>Digest of the image configuration blob.</summary>
    /// <remarks>NOTE: not written into the SBOMs yet, as apko does not write it either.</remarks>
    public required Digest ConfigDigest { get; init; }

    /// <summary>The image layers, bottom first; at least one.</summary>
    public required IReadOnlyList<SbomLayer> Layers { get; init; }

    /// <summary>
    /// The first image reference given to the build, such as <c>golden:latest</c>; its repository's last path
    /// segment names the image in purls. Null or empty when none was given (the purls then say <c>image</c>).
    /// </summary>
    public string? ImageReference { get; init; }

    /// <summary>The build epoch, written as the document's creation time.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The image's <c>/etc/os-release</c> fields; null when the image has none.</summary>
    public OsRelease? OsRelease { get; init; }

    /// <summary>Source repository of the image configuration (<c>vcs-url</c>), with <c>@commit</c>; optional.</summary>
    public string? VcsUrl { get; init; }

    /// <summary>Version of this tool, written into the document's creators.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The installed packages; their order does not change the output.</summary>
    public required IReadOnlyList<SbomPackageInput> Packages { get; init; }
}
