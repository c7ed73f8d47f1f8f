namespace Apko.Apk.FileSystem;

/// <summary>Kind of a node in an <see cref="ImageFileSystem"/>, matching the tar entry types a layer can carry.</summary>
public enum FileNodeType
{
    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file with content.</summary>
    RegularFile,

    /// <summary>A symbolic link; <see cref="FileNode.LinkTarget"/> is the target exactly as written.</summary>
    Symlink,

    /// <summary>A hard link to a regular file; <see cref="FileNode.LinkTarget"/> is the target path from the root.</summary>
    HardLink,

    /// <summary>A character device with major and minor numbers.</summary>
    CharacterDevice,

    /// <summary>A block device with major and minor numbers.</summary>
    BlockDevice,

    /// <summary>A named pipe.</summary>
    Fifo,
}
