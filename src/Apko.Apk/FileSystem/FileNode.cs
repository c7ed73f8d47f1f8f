namespace Apko.Apk.FileSystem;

/// <summary>
/// One node of an <see cref="ImageFileSystem"/>: its type, metadata and, for regular files, a reference to its
/// content. Nodes are changed only through the file system that owns them.
/// </summary>
public sealed class FileNode
{
    private static readonly IReadOnlyDictionary<string, byte[]> s_noXattrs = new Dictionary<string, byte[]>();

    private Dictionary<string, byte[]>? _xattrs;

    internal FileNode(FileNodeType type, string name, UnixFileMode mode)
    {
        Type = type;
        Name = name;
        Mode = mode;
        if (type == FileNodeType.Directory)
        {
            Children = new Dictionary<string, FileNode>(StringComparer.Ordinal);
        }
    }

    /// <summary>Node type.</summary>
    public FileNodeType Type { get; }

    /// <summary>Last path component; empty for the root.</summary>
    public string Name { get; internal set; }

    /// <summary>Permission bits including setuid, setgid and sticky (at most <c>07777</c>).</summary>
    public UnixFileMode Mode { get; internal set; }

    /// <summary>Owner user id.</summary>
    public int Uid { get; internal set; }

    /// <summary>Owner group id.</summary>
    public int Gid { get; internal set; }

    /// <summary>Modification time in seconds since the Unix epoch.</summary>
    public long ModificationTime { get; internal set; }

    /// <summary>Extended attributes by name, such as <c>security.capability</c>.</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs => _xattrs ?? s_noXattrs;

    /// <summary>
    /// Symlink target as written, or for a hard link the target's path from the root without a leading slash;
    /// null for other types.
    /// </summary>
    public string? LinkTarget { get; internal set; }

    /// <summary>Major device number of a character or block device; 0 otherwise.</summary>
    public int DeviceMajor { get; internal set; }

    /// <summary>Minor device number of a character or block device; 0 otherwise.</summary>
    public int DeviceMinor { get; internal set; }

    /// <summary>Name of the package that created the node; null for nodes the build created.</summary>
    public string? Package { get; internal set; }

    /// <summary>Content of a regular file or of a hard link's target; null for other types.</summary>
    public FileContent? Content { get; internal set; }

    /// <summary>Content length in bytes; 0 for nodes without content.</summary>
    public long Size => Content?.Length ?? 0;

    internal FileNode? Parent { get; set; }

    internal Dictionary<string, FileNode>? Children { get; }

    internal void SetXattr(string name, byte[] value)
    {
        _xattrs ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
        _xattrs[name] = value;
    }

    internal void ReplaceXattrs(IReadOnlyDictionary<string, byte[]> xattrs)
    {
        _xattrs = xattrs.Count == 0 ? null : new Dictionary<string, byte[]>(xattrs, StringComparer.Ordinal);
    }
}
