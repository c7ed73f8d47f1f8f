namespace Apko.Oci.Layers;

/// <summary>
/// One file system object of a layer, with every tar header field set explicitly so that the layer bytes follow
/// from the entry values alone.
/// </summary>
public sealed record LayerEntry
{
    /// <summary>Path inside the image, relative to the root: no leading or trailing <c>/</c>, no <c>.</c> or
    /// <c>..</c> segments, for example <c>usr/bin/env</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Kind of the entry.</summary>
    public required LayerEntryType Type { get; init; }

    /// <summary>Permission bits including setuid, setgid and sticky (at most <c>07777</c>).</summary>
    public required UnixFileMode Mode { get; init; }

    /// <summary>Numeric owner.</summary>
    public int Uid { get; init; }

    /// <summary>Numeric group.</summary>
    public int Gid { get; init; }

    /// <summary>Owner name written as <c>uname</c>; empty writes no name.</summary>
    public string UserName { get; init; } = "";

    /// <summary>Group name written as <c>gname</c>; empty writes no name.</summary>
    public string GroupName { get; init; } = "";

    /// <summary>Modification time in whole seconds since the Unix epoch.</summary>
    public long ModificationTime { get; init; }

    /// <summary>Content length of a regular file; 0 for every other type.</summary>
    public long Size { get; init; }

    /// <summary>Target of a symbolic link (verbatim) or of a hard link (a layer path); empty otherwise.</summary>
    public string LinkTarget { get; init; } = "";

    /// <summary>Major device number of a character or block device.</summary>
    public int DevMajor { get; init; }

    /// <summary>Minor device number of a character or block device.</summary>
    public int DevMinor { get; init; }

    /// <summary>Extended attributes by name (such as <c>security.capability</c>), written as
    /// <c>SCHILY.xattr.*</c> PAX records in ordinal name order; null or empty when none.</summary>
    public IReadOnlyDictionary<string, byte[]>? Xattrs { get; init; }

    /// <summary>Opens the content of a regular file, which must be exactly <see cref="Size"/> bytes long. It is
    /// called once, while the entry is written, and the stream is disposed afterwards. Null when Size is 0.</summary>
    public Func<Stream>? OpenContent { get; init; }

    /// <summary>Creates a directory entry owned by root.</summary>
    public static LayerEntry Directory(string path, UnixFileMode mode, long modificationTime = 0) =>
        new() { Path = path, Type = LayerEntryType.Directory, Mode = mode, ModificationTime = modificationTime };

    /// <summary>Creates a regular file entry owned by root whose content is held in memory.</summary>
    public static LayerEntry RegularFile(string path, UnixFileMode mode, byte[] content, long modificationTime = 0) =>
        new()
        {
            Path = path,
            Type = LayerEntryType.RegularFile,
            Mode = mode,
            ModificationTime = modificationTime,
            Size = content.Length,
            OpenContent = content.Length == 0 ? null : () => new MemoryStream(content, writable: false),
        };

    /// <summary>Creates a symbolic link entry (mode 0777) owned by root.</summary>
    public static LayerEntry SymbolicLink(string path, string target, long modificationTime = 0) =>
        new()
        {
            Path = path,
            Type = LayerEntryType.SymbolicLink,
            Mode = (UnixFileMode)0x1FF,
            LinkTarget = target,
            ModificationTime = modificationTime,
        };
}
