using Apko.Build.RootFs;
using Apko.Oci.Model;

namespace Apko.Build;

/// <summary>What a build produced: the image index with its images, and each architecture's root filesystem.</summary>
/// <param name="Index">The image index and the per-architecture images.</param>
/// <param name="RootFileSystems">The root filesystems, in the order of the index's images.</param>
/// <param name="SbomFiles">Paths of the SBOM files written.</param>
internal sealed record BuildResult(
    BuiltIndex Index,
    IReadOnlyList<BuiltRootFileSystem> RootFileSystems,
    IReadOnlyList<string> SbomFiles);
