using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Configuration;

namespace Apko.Build.RootFs;

/// <summary>A finished root filesystem of one architecture and what the image and SBOM need from it.</summary>
/// <param name="Plan">The plan it was built from.</param>
/// <param name="FileSystem">The files.</param>
/// <param name="Database">The installed packages, in install order.</param>
/// <param name="BuildEpoch">The image creation time.</param>
/// <param name="LockedConfiguration">The configuration with every installed package pinned, as in <c>/etc/apko.json</c>.</param>
internal sealed record BuiltRootFileSystem(
    ArchitecturePlan Plan,
    ImageFileSystem FileSystem,
    InstalledDatabase Database,
    DateTimeOffset BuildEpoch,
    ImageConfiguration LockedConfiguration);
