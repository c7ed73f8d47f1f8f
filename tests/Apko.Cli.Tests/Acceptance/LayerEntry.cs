using System.Formats.Tar;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>One tar entry of an image layer, with the content of regular files.</summary>
internal sealed record LayerEntry(
    string Name,
    TarEntryType Type,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    string LinkName,
    int DeviceMajor,
    int DeviceMinor,
    DateTimeOffset ModificationTime,
    byte[] Content)
{
    /// <summary>The owner as <c>uid:gid</c>, for assertions.</summary>
    public string Owner => $"{Uid}:{Gid}";

    /// <summary>The permission bits (with setuid, setgid and sticky) in octal, for assertions.</summary>
    public string OctalMode => Convert.ToString((int)Mode, 8);

    /// <summary>Reads every entry of an uncompressed layer tar.</summary>
    public static IReadOnlyList<LayerEntry> ReadAll(byte[] tar)
    {
        var entries = new List<LayerEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            var (major, minor) = entry is PosixTarEntry posix ? (posix.DeviceMajor, posix.DeviceMinor) : (0, 0);
            entries.Add(new LayerEntry(
                entry.Name.TrimEnd('/'),
                NormalizeType(entry.EntryType),
                entry.Mode,
                entry.Uid,
                entry.Gid,
                entry.LinkName,
                major,
                minor,
                entry.ModificationTime,
                content.ToArray()));
        }

        return entries;
    }

    private static TarEntryType NormalizeType(TarEntryType type) =>
        type == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : type;
}
