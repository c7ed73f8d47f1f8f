namespace Apko.Oci.Layers;

/// <summary>The kind of a layer tar entry, as the POSIX tar type flag distinguishes them.</summary>
public enum LayerEntryType
{
    /// <summary>A directory (type flag <c>5</c>).</summary>
    Directory,

    /// <summary>A regular file (type flag <c>0</c>).</summary>
    RegularFile,

    /// <summary>A symbolic link (type flag <c>2</c>).</summary>
    SymbolicLink,

    /// <summary>A hard link to an earlier entry of the same layer (type flag <c>1</c>).</summary>
    HardLink,

    /// <summary>A character device (type flag <c>3</c>).</summary>
    CharacterDevice,

    /// <summary>A block device (type flag <c>4</c>).</summary>
    BlockDevice,

    /// <summary>A named pipe (type flag <c>6</c>).</summary>
    Fifo,
}
