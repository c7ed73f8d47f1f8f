using Apko.Apk.FileSystem;

namespace Apko.Apk.Installation;

public sealed partial class PackageInstaller
{
    private void ApplyDirectory(InstalledPackage installed, PlannedEntry entry)
    {
        installed.AddDirectory(entry.Path, entry.Acl);
        var (parent, name, existing) = _fileSystem.ResolveForCreate(entry.Path);
        if (existing is null)
        {
            var directory = CreateNode(installed, entry, name);
            ImageFileSystem.AddChild(parent, directory);
            return;
        }

        if (existing.Type == FileNodeType.Symlink)
        {
            // A link to a directory stays, such as usr-merge's /lib -> usr/lib, because apk-tools does not replace it.
            if (_fileSystem.Stat(entry.Path)?.Type != FileNodeType.Directory)
            {
                throw FileSystemErrors.NotADirectory(entry.Path);
            }

            return;
        }

        if (existing.Type != FileNodeType.Directory)
        {
            throw FileSystemErrors.AlreadyExists(entry.Path, existing.Type);
        }

        // As in apko, the last package that lists a directory sets its mtime.
        existing.ModificationTime = entry.ModificationTime;
        if (existing.Package is not null)
        {
            MergeDirectoryAcl(existing, entry);
        }
    }

    /// <summary>
    /// Combines the ACLs of packages that share a directory as apk-tools 2.14 does: the lowest uid wins, then the
    /// lowest gid, and packages that agree on the owner intersect their modes. Directories the build created before
    /// any package keep their metadata, as apk-tools leaves directories it did not create alone.
    /// </summary>
    private static void MergeDirectoryAcl(FileNode directory, PlannedEntry entry)
    {
        if (entry.Uid < directory.Uid || (entry.Uid == directory.Uid && entry.Gid < directory.Gid))
        {
            directory.Uid = entry.Uid;
            directory.Gid = entry.Gid;
            directory.Mode = entry.Mode;
            directory.ReplaceXattrs(entry.Xattrs);
        }
        else if (entry.Uid == directory.Uid && entry.Gid == directory.Gid)
        {
            directory.Mode &= entry.Mode;
        }
    }

    private void ApplyFile(InstalledPackage installed, PlannedEntry entry)
    {
        var record = installed.FindDirectory(entry.Directory)
            ?? installed.AddDirectory(entry.Directory, FileAcl.DefaultDirectory);
        var (parent, name, existing) = _fileSystem.ResolveForCreate(entry.Path);
        if (existing?.Type == FileNodeType.Directory)
        {
            throw FileSystemErrors.IsADirectory(entry.Path);
        }

        var node = CreateNode(installed, entry, name);
        if (entry.Type == FileNodeType.HardLink)
        {
            var target = _fileSystem.Lstat(entry.LinkTarget!);
            if (target?.Content is null)
            {
                throw InstallationErrors.HardlinkTargetMissing(installed.Package, entry.Path, entry.LinkTarget!);
            }

            node.Content = target.Content;
            node.LinkTarget = ImageFileSystem.PathOf(target);
        }

        ImageFileSystem.AddChild(parent, node);
        _database.SetFile(installed, record, new InstalledFile(entry.Name, entry.Acl, entry.Checksum));
    }

    private static FileNode CreateNode(InstalledPackage installed, PlannedEntry entry, string name)
    {
        var node = new FileNode(entry.Type, name, entry.Mode)
        {
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = entry.ModificationTime,
            Content = entry.Content,
            LinkTarget = entry.LinkTarget,
            DeviceMajor = entry.DeviceMajor,
            DeviceMinor = entry.DeviceMinor,
            Package = installed.Package.Name,
        };
        node.ReplaceXattrs(entry.Xattrs);
        return node;
    }
}
