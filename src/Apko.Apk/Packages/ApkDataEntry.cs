using System.Formats.Tar;

namespace Apko.Apk.Packages;

/// <summary>An entry of a package's data tar, as <see cref="ApkPackageBuilder"/> collects them.</summary>
public sealed record ApkDataEntry
{
    /// <summary>Path without a leading slash, such as <c>usr/bin/hello</c>.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Entry type: <see cref="TarEntryType.Directory"/>, <see cref="TarEntryType.RegularFile"/>,
    /// <see cref="TarEntryType.SymbolicLink"/>, <see cref="TarEntryType.HardLink"/>, or a device or FIFO.
    /// </summary>
    public TarEntryType Type { get; init; } = TarEntryType.RegularFile;

    /// <summary>Permission bits including setuid, setgid and sticky.</summary>
    public UnixFileMode Mode { get; init; }

    /// <summary>Owner user id.</summary>
    public int Uid { get; init; }

    /// <summary>Owner group id.</summary>
    public int Gid { get; init; }

    /// <summary>Owner user name in the tar header.</summary>
    public string UserName { get; init; } = "root";

    /// <summary>Owner group name in the tar header.</summary>
    public string GroupName { get; init; } = "root";

    /// <summary>Modification time in seconds since the Unix epoch.</summary>
    public long ModificationTime { get; init; }

    /// <summary>Content of a regular file.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Target of a symlink, or the path of the entry a hard link points to.</summary>
    public string LinkTarget { get; init; } = "";

    /// <summary>Device numbers of a character or block device.</summary>
    public (int Major, int Minor) Device { get; init; }

    /// <summary>Extended attributes, written as PAX <c>SCHILY.xattr.&lt;name&gt;</c> records in name order.</summary>
    public IReadOnlyDictionary<string, string> Xattrs { get; init; } = new Dictionary<string, string>();
}
