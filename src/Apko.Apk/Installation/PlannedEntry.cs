using Apko.Apk.FileSystem;

namespace Apko.Apk.Installation;

/// <summary>One checked entry of a package's data tar, ready to be applied to the image.</summary>
internal sealed record PlannedEntry(string Path, FileNodeType Type)
{
    public UnixFileMode Mode { get; init; }

    public int Uid { get; init; }

    public int Gid { get; init; }

    public long ModificationTime { get; init; }

    public IReadOnlyDictionary<string, byte[]> Xattrs { get; init; } = new Dictionary<string, byte[]>();

    public FileContent? Content { get; init; }

    /// <summary>Symlink target as written, or the path of a hard link's target.</summary>
    public string? LinkTarget { get; init; }

    public int DeviceMajor { get; init; }

    public int DeviceMinor { get; init; }

    /// <summary><c>Q1</c> SHA-1 of the content, or of the target for symbolic links; null when unknown.</summary>
    public string? Checksum { get; init; }

    public string Directory => Path.LastIndexOf('/') is var slash and >= 0 ? Path[..slash] : "";

    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    public FileAcl Acl => new(Mode, Uid, Gid, Sha1Checksum.HashXattrs(Xattrs));
}
