using Apko.Apk;
using Apko.Apk.FileSystem;
using Apko.Configuration;

namespace Apko.Build.RootFs;

internal sealed partial class RootFileSystemBuilder
{
    /// <summary>
    /// Applies <c>paths</c> in order. Each entry's permissions and owner are applied to what it created; a symlink
    /// entry never changes its target, and its target may be missing.
    /// </summary>
    private static void ApplyPaths(ImageFileSystem fileSystem, IEnumerable<PathMutation> mutations)
    {
        var index = 0;
        foreach (var mutation in mutations)
        {
            try
            {
                ApplyPath(fileSystem, mutation);
            }
            catch (ApkException e)
            {
                throw new ApkoException(
                    "APKO4201",
                    $"paths[{index}]: cannot apply {PathMutation.ToYamlName(mutation.Type)} '{mutation.Path}': {e.Message}",
                    e);
            }

            index++;
        }
    }

    private static void ApplyPath(ImageFileSystem fileSystem, PathMutation mutation)
    {
        var path = mutation.Path.TrimStart('/');
        switch (mutation.Type)
        {
            case PathMutationType.Directory:
                fileSystem.MkdirAll(path, ModeOf(mutation));
                break;
            case PathMutationType.EmptyFile:
                fileSystem.MkdirAll(ParentOf(path), FileModes.Directory);
                fileSystem.WriteFile(path, [], ModeOf(mutation));
                break;
            case PathMutationType.Hardlink:
                fileSystem.MkdirAll(ParentOf(path), FileModes.Directory);
                fileSystem.Remove(path);
                fileSystem.Hardlink(path, mutation.Source);
                break;
            case PathMutationType.Symlink:
                fileSystem.MkdirAll(ParentOf(path), FileModes.Directory);
                if (fileSystem.Lstat(path) is not null)
                {
                    throw new ApkoException(
                        "APKO4202",
                        $"'/{path}' already exists. Remove the paths entry or choose another path for the symlink.");
                }

                fileSystem.Symlink(path, mutation.Source);
                SetOwner(fileSystem, path, mutation, followLinks: false);
                return;
            case PathMutationType.Permissions:
                if (fileSystem.Stat(path) is null)
                {
                    throw new ApkoException("APKO4203", $"'/{path}' does not exist, so its permissions cannot be set.");
                }

                break;
        }

        ApplyPermissions(fileSystem, path, mutation);
    }

    private static void ApplyPermissions(ImageFileSystem fileSystem, string path, PathMutation mutation)
    {
        var targets = mutation.Recursive ? Descendants(fileSystem, path) : [path];
        foreach (var target in targets)
        {
            if (mutation.Permissions is not null && fileSystem.Lstat(target) is { Type: not FileNodeType.Symlink })
            {
                fileSystem.Chmod(target, ModeOf(mutation));
            }

            SetOwner(fileSystem, target, mutation, followLinks: true);
        }
    }

    /// <summary>Sets the owner when uid or gid is given; an omitted one of the two becomes 0, as in apko.</summary>
    private static void SetOwner(ImageFileSystem fileSystem, string path, PathMutation mutation, bool followLinks)
    {
        if (mutation.Uid is null && mutation.Gid is null)
        {
            return;
        }

        if (!followLinks || fileSystem.Lstat(path) is { Type: FileNodeType.Symlink })
        {
            // Symlinks are not followed, so a link's owner changes and its target's does not.
            var link = fileSystem.Lstat(path);
            if (link is not null && link.Type == FileNodeType.Symlink)
            {
                fileSystem.Remove(path);
                fileSystem.Symlink(path, link.LinkTarget!, (int)(mutation.Uid ?? 0), (int)(mutation.Gid ?? 0));
                return;
            }
        }

        fileSystem.Chown(path, (int)(mutation.Uid ?? 0), (int)(mutation.Gid ?? 0));
    }

    private static List<string> Descendants(ImageFileSystem fileSystem, string path)
    {
        var result = new List<string> { path };
        if (fileSystem.Lstat(path) is not { Type: FileNodeType.Directory })
        {
            return result;
        }

        foreach (var name in fileSystem.ReadDirectory(path))
        {
            result.AddRange(Descendants(fileSystem, path.Length == 0 ? name : path + "/" + name));
        }

        return result;
    }

    private static UnixFileMode ModeOf(PathMutation mutation) => (UnixFileMode)((mutation.Permissions ?? 0) & 0xFFF);

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
