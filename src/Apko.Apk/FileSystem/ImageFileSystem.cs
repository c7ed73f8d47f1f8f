namespace Apko.Apk.FileSystem;

/// <summary>
/// An in-memory root file system for one image: directories, regular files, symbolic links, hard links, devices
/// and named pipes with their modes, owners, times and extended attributes. Paths are relative to the image root
/// (a leading slash is allowed); symbolic links are followed inside the root, and absolute link targets and
/// <c>..</c> resolve as if the root were <c>/</c>, so nothing can land outside it. Not thread-safe.
/// </summary>
public sealed partial class ImageFileSystem
{
    private const UnixFileMode PermissionMask = (UnixFileMode)0xFFF;
    private const UnixFileMode SymlinkMode = (UnixFileMode)0x1FF;

    /// <summary>Creates a file system that contains only its root directory: mode 0755, owner 0:0, mtime 0.</summary>
    public ImageFileSystem()
    {
        Root = new FileNode(FileNodeType.Directory, "", (UnixFileMode)0x1ED);
    }

    /// <summary>The root directory.</summary>
    public FileNode Root { get; }

    /// <summary>
    /// Creates the directory at <paramref name="path"/> and any missing parents with the given metadata, following
    /// symbolic links to directories; existing directories keep their metadata.
    /// </summary>
    /// <returns>The directory at <paramref name="path"/>.</returns>
    /// <exception cref="ApkException">A component exists and is not a directory.</exception>
    public FileNode MkdirAll(string path, UnixFileMode mode, int uid = 0, int gid = 0, long modificationTime = 0)
    {
        var current = Root;
        foreach (var name in SplitPath(path))
        {
            if (name == "..")
            {
                current = current.Parent ?? Root;
                continue;
            }

            if (current.Children!.TryGetValue(name, out var child))
            {
                current = DirectoryOf(child);
                continue;
            }

            var directory = new FileNode(FileNodeType.Directory, name, mode & PermissionMask)
            {
                Uid = uid,
                Gid = gid,
                ModificationTime = modificationTime,
            };
            current = AddChild(current, directory);
        }

        return current;
    }

    /// <summary>
    /// Creates or replaces the regular file at <paramref name="path"/> with <paramref name="content"/>; the parent
    /// directory must exist.
    /// </summary>
    /// <exception cref="ApkException">The parent is missing or <paramref name="path"/> is a directory.</exception>
    public FileNode WriteFile(string path, byte[] content, UnixFileMode mode, int uid = 0, int gid = 0) =>
        WriteFile(path, FileContent.FromBytes(content), mode, uid, gid);

    /// <summary>Creates or replaces the regular file at <paramref name="path"/> with content held by reference.</summary>
    /// <exception cref="ApkException">The parent is missing or <paramref name="path"/> is a directory.</exception>
    public FileNode WriteFile(string path, FileContent content, UnixFileMode mode, int uid = 0, int gid = 0)
    {
        ArgumentNullException.ThrowIfNull(content);
        var node = new FileNode(FileNodeType.RegularFile, "", mode & PermissionMask)
        {
            Uid = uid,
            Gid = gid,
            Content = content,
        };
        return Place(path, node);
    }

    /// <summary>
    /// Creates or replaces a symbolic link at <paramref name="path"/> that points to <paramref name="target"/>,
    /// stored verbatim (the target need not exist). The link gets mode 0777.
    /// </summary>
    /// <exception cref="ApkException">The parent is missing or <paramref name="path"/> is a directory.</exception>
    public FileNode Symlink(string path, string target, int uid = 0, int gid = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var node = new FileNode(FileNodeType.Symlink, "", SymlinkMode) { Uid = uid, Gid = gid, LinkTarget = target };
        return Place(path, node);
    }

    /// <summary>
    /// Creates or replaces a hard link at <paramref name="path"/> to the regular file at
    /// <paramref name="targetPath"/>. The link shares the target's content and copies its metadata.
    /// </summary>
    /// <exception cref="ApkException">The target is missing or is not a regular file.</exception>
    public FileNode Hardlink(string path, string targetPath)
    {
        var target = Lstat(targetPath) ?? throw FileSystemErrors.NotFound(Normalize(targetPath));
        if (target.Type is not (FileNodeType.RegularFile or FileNodeType.HardLink))
        {
            throw FileSystemErrors.NotARegularFile(PathOf(target), target.Type);
        }

        var node = new FileNode(FileNodeType.HardLink, "", target.Mode)
        {
            Uid = target.Uid,
            Gid = target.Gid,
            ModificationTime = target.ModificationTime,
            Content = target.Content,
            LinkTarget = target.Type == FileNodeType.HardLink ? target.LinkTarget : PathOf(target),
            Package = target.Package,
        };
        node.ReplaceXattrs(target.Xattrs);
        return Place(path, node);
    }

    /// <summary>Creates or replaces a character device, block device or named pipe at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a device or pipe type.</exception>
    /// <exception cref="ApkException">The parent is missing or <paramref name="path"/> is a directory.</exception>
    public FileNode Mknod(string path, FileNodeType type, UnixFileMode mode, int major = 0, int minor = 0)
    {
        if (type is not (FileNodeType.CharacterDevice or FileNodeType.BlockDevice or FileNodeType.Fifo))
        {
            throw new ArgumentException($"Mknod creates devices and pipes, not a {type}.", nameof(type));
        }

        var node = new FileNode(type, "", mode & PermissionMask) { DeviceMajor = major, DeviceMinor = minor };
        return Place(path, node);
    }

    /// <summary>Sets the permission bits, including setuid, setgid and sticky, following symbolic links.</summary>
    /// <exception cref="ApkException"><paramref name="path"/> does not exist.</exception>
    public void Chmod(string path, UnixFileMode mode) => StatOrThrow(path).Mode = mode & PermissionMask;

    /// <summary>Sets the owner user and group ids, following symbolic links.</summary>
    /// <exception cref="ApkException"><paramref name="path"/> does not exist.</exception>
    public void Chown(string path, int uid, int gid)
    {
        var node = StatOrThrow(path);
        node.Uid = uid;
        node.Gid = gid;
    }

    /// <summary>Sets the modification time in Unix seconds of the node itself, without following a final link.</summary>
    /// <exception cref="ApkException"><paramref name="path"/> does not exist.</exception>
    public void SetModificationTime(string path, long modificationTime) =>
        (Lstat(path) ?? throw FileSystemErrors.NotFound(Normalize(path))).ModificationTime = modificationTime;

    /// <summary>Sets one extended attribute, following symbolic links.</summary>
    /// <exception cref="ApkException"><paramref name="path"/> does not exist.</exception>
    public void SetXattr(string path, string name, byte[] value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        StatOrThrow(path).SetXattr(name, value);
    }

    /// <summary>
    /// Removes the node at <paramref name="path"/> without following a final symbolic link; a non-empty directory
    /// only when <paramref name="recursive"/> is set.
    /// </summary>
    /// <returns>True when a node was removed, false when none existed.</returns>
    /// <exception cref="ApkException"><paramref name="path"/> is the root or a non-empty directory.</exception>
    public bool Remove(string path, bool recursive = false)
    {
        var node = Lstat(path);
        if (node is null)
        {
            return false;
        }

        if (node.Parent is null)
        {
            throw FileSystemErrors.InvalidPath(path);
        }

        if (node.Children is { Count: > 0 } && !recursive)
        {
            throw FileSystemErrors.DirectoryNotEmpty(PathOf(node));
        }

        node.Parent.Children!.Remove(node.Name);
        node.Parent = null;
        return true;
    }

    /// <summary>Returns whether <paramref name="path"/> exists, following symbolic links.</summary>
    public bool Exists(string path) => Stat(path) is not null;

    /// <summary>Returns the node at <paramref name="path"/> without following a final symbolic link, or null.</summary>
    /// <exception cref="ApkException">The path has a symbolic link loop.</exception>
    public FileNode? Lstat(string path) => Resolve(path, followFinal: false).Node;

    /// <summary>Returns the node at <paramref name="path"/> after following symbolic links, or null.</summary>
    /// <exception cref="ApkException">The path has a symbolic link loop.</exception>
    public FileNode? Stat(string path) => Resolve(path, followFinal: true).Node;

    /// <summary>Opens the content of the regular file at <paramref name="path"/>, following symbolic links.</summary>
    /// <exception cref="ApkException">The path is missing or is not a regular file.</exception>
    public Stream OpenRead(string path) => ContentOf(path).OpenRead();

    /// <summary>Reads the content of the regular file at <paramref name="path"/>, following symbolic links.</summary>
    /// <exception cref="ApkException">The path is missing or is not a regular file.</exception>
    public Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        ContentOf(path).ReadAllBytesAsync(cancellationToken);

    /// <summary>Returns the names in the directory at <paramref name="path"/>, sorted by their UTF-8 bytes.</summary>
    /// <exception cref="ApkException">The path is missing or is not a directory.</exception>
    public IReadOnlyList<string> ReadDirectory(string path)
    {
        var node = StatOrThrow(path);
        if (node.Children is null)
        {
            throw FileSystemErrors.NotADirectory(PathOf(node));
        }

        var names = node.Children.Keys.ToList();
        names.Sort(Utf8OrdinalComparer.Instance);
        return names;
    }

    /// <summary>
    /// Yields every node except the root in tar order: depth first, parents before children, and each directory's
    /// entries sorted by the UTF-8 bytes of their names.
    /// </summary>
    /// <remarks>
    /// NOTE: a hard link can sort before its target (<c>bin/a</c> linking to <c>bin/b</c>), so a tar writer that
    /// follows this order must handle a link whose target comes later.
    /// </remarks>
    public IEnumerable<FileSystemEntry> Walk()
    {
        var pending = new Stack<FileSystemEntry>();
        PushChildren(pending, Root, "");
        while (pending.TryPop(out var entry))
        {
            yield return entry;
            if (entry.Node.Children is not null)
            {
                PushChildren(pending, entry.Node, entry.Path + "/");
            }
        }
    }

    /// <summary>Returns the path of <paramref name="node"/> from the root, without a leading slash.</summary>
    public static string PathOf(FileNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var names = new List<string>();
        for (var current = node; current.Parent is not null; current = current.Parent)
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return string.Join('/', names);
    }

    private static void PushChildren(Stack<FileSystemEntry> pending, FileNode directory, string prefix)
    {
        var children = directory.Children!.Values.ToList();
        children.Sort((x, y) => Utf8OrdinalComparer.Instance.Compare(y.Name, x.Name));
        foreach (var child in children)
        {
            pending.Push(new FileSystemEntry(prefix + child.Name, child));
        }
    }

    private FileContent ContentOf(string path)
    {
        var node = StatOrThrow(path);
        return node.Content ?? throw FileSystemErrors.NotARegularFile(PathOf(node), node.Type);
    }

    private FileNode StatOrThrow(string path) => Stat(path) ?? throw FileSystemErrors.NotFound(Normalize(path));
}
