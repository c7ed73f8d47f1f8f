using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build.RootFs;
using Apko.Oci.Model;
using Apko.Sbom;

namespace Apko.Build;

/// <summary>Collects what the SBOM generator needs from a built image and its root filesystem.</summary>
internal static class SbomInputs
{
    public static SbomImageInput ForImage(BuildOptions options, BuiltImage image, BuiltRootFileSystem rootfs, string tag)
    {
        var fileSystem = rootfs.FileSystem;
        return new SbomImageInput
        {
            ApkArch = rootfs.Plan.Architecture.ApkName,
            Platform = image.Platform,
            ManifestDigest = image.Manifest.Descriptor.Digest,
            ConfigDigest = image.Config.Descriptor.Digest,
            Layers = image.Layers.Select(l => new SbomLayer(l.Descriptor.Digest, l.DiffId, l.Descriptor.MediaType)).ToArray(),
            ImageReference = tag,
            Created = rootfs.BuildEpoch,
            OsRelease = ReadOsRelease(fileSystem),
            VcsUrl = NullIfEmpty(rootfs.Plan.Configuration.VcsUrl),
            ToolVersion = options.ToolVersion,
            Packages = rootfs.Database.Packages
                .Select(p => new SbomPackageInput(p.Package, ShippedSbom.Locate(p.Package, path => ReadFile(fileSystem, path)), RepositoryOf(rootfs, p.Package.Name)))
                .ToArray(),
        };
    }

    public static SbomIndexInput ForIndex(BuildOptions options, BuildResult built, string tag) => new()
    {
        IndexDigest = built.Index.Index.Descriptor.Digest,
        Images = built.Index.Images.Select(i => new SbomIndexImage(i.Manifest.Descriptor.Digest, i.Platform)).ToArray(),
        ImageReference = tag,
        Created = built.RootFileSystems.Select(r => r.BuildEpoch).Max(),
        VcsUrl = NullIfEmpty(built.RootFileSystems[0].Plan.Configuration.VcsUrl),
        ToolVersion = options.ToolVersion,
    };

    /// <summary>Returns the package's repository URL; local directories are left out so SBOMs name no host path.</summary>
    private static string? RepositoryOf(BuiltRootFileSystem rootfs, string name)
    {
        var location = rootfs.Plan.Resolution.Packages.FirstOrDefault(p => p.Package.Name == name)?.Repository?.Repository.Location;
        return location is not null && location.Contains("://", StringComparison.Ordinal) && !location.StartsWith("file:", StringComparison.Ordinal)
            ? Credentials.Strip(location)
            : null;
    }

    private static Apko.Sbom.OsRelease? ReadOsRelease(ImageFileSystem fileSystem)
    {
        var bytes = ReadFile(fileSystem, "etc/os-release");
        if (bytes is null)
        {
            return null;
        }

        var release = Apko.Build.OsRelease.Parse(Encoding.UTF8.GetString(bytes));
        return new Apko.Sbom.OsRelease(release.Id, release.Name, release.VersionId);
    }

    private static byte[]? ReadFile(ImageFileSystem fileSystem, string path)
    {
        if (fileSystem.Stat(path) is not { Type: FileNodeType.RegularFile or FileNodeType.HardLink })
        {
            return null;
        }

        using var stream = fileSystem.OpenRead(path);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
