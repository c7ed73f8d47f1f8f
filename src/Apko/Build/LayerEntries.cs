using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build.Accounts;
using Apko.Oci.Layers;

namespace Apko.Build;

/// <summary>
/// Turns an image filesystem into layer entries in tar order. User and group names come from the image's own
/// <c>/etc/passwd</c> and <c>/etc/group</c>, so a tar listing shows the names the image uses.
/// </summary>
internal static class LayerEntries
{
    public static async Task<List<LayerEntry>> FromFileSystemAsync(ImageFileSystem fileSystem, CancellationToken cancellationToken)
    {
        var passwd = await ReadAccountsAsync(fileSystem, "etc/passwd", cancellationToken).ConfigureAwait(false);
        var users = PasswdEntry.ParseFile(passwd)
            .GroupBy(e => e.Uid)
            .ToDictionary(g => (int)g.Key, g => g.First().UserName);
        var group = await ReadAccountsAsync(fileSystem, "etc/group", cancellationToken).ConfigureAwait(false);
        var groups = GroupEntry.ParseFile(group)
            .GroupBy(e => e.Gid)
            .ToDictionary(g => (int)g.Key, g => g.First().GroupName);

        // A tar hard link must name an entry written before it. Walk order can put a link before its target, so the
        // first path of each content written becomes the regular file and later paths link to it.
        var firstPathOfContent = new Dictionary<FileContent, string>(ReferenceEqualityComparer.Instance);
        var entries = new List<LayerEntry>();
        foreach (var (path, node) in fileSystem.Walk())
        {
            entries.Add(ToEntry(path, node, users, groups, firstPathOfContent));
        }

        return entries;
    }

    private static LayerEntry ToEntry(
        string path,
        FileNode node,
        Dictionary<int, string> users,
        Dictionary<int, string> groups,
        Dictionary<FileContent, string> firstPathOfContent)
    {
        var entry = new LayerEntry
        {
            Path = path,
            Type = LayerEntryType.Directory,
            Mode = node.Mode,
            Uid = node.Uid,
            Gid = node.Gid,
            UserName = users.GetValueOrDefault(node.Uid, ""),
            GroupName = groups.GetValueOrDefault(node.Gid, ""),
            ModificationTime = node.ModificationTime,
            Xattrs = node.Xattrs.Count > 0 ? node.Xattrs : null,
        };
        switch (node.Type)
        {
            case FileNodeType.Directory:
                return entry;
            case FileNodeType.RegularFile or FileNodeType.HardLink:
                var content = node.Content!;
                if (firstPathOfContent.TryGetValue(content, out var first))
                {
                    return entry with { Type = LayerEntryType.HardLink, LinkTarget = first };
                }

                firstPathOfContent[content] = path;
                return entry with { Type = LayerEntryType.RegularFile, Size = content.Length, OpenContent = content.OpenRead };
            case FileNodeType.Symlink:
                return entry with { Type = LayerEntryType.SymbolicLink, LinkTarget = node.LinkTarget ?? "" };
            case FileNodeType.CharacterDevice:
                return entry with { Type = LayerEntryType.CharacterDevice, DevMajor = node.DeviceMajor, DevMinor = node.DeviceMinor };
            case FileNodeType.BlockDevice:
                return entry with { Type = LayerEntryType.BlockDevice, DevMajor = node.DeviceMajor, DevMinor = node.DeviceMinor };
            default:
                return entry with { Type = LayerEntryType.Fifo };
        }
    }

    private static async Task<string> ReadAccountsAsync(ImageFileSystem fileSystem, string path, CancellationToken cancellationToken)
    {
        if (fileSystem.Stat(path) is not { Type: FileNodeType.RegularFile or FileNodeType.HardLink })
        {
            return "";
        }

        return Encoding.UTF8.GetString(await fileSystem.ReadFileAsync(path, cancellationToken).ConfigureAwait(false));
    }
}
