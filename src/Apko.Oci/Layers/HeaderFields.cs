using System.Text;

namespace Apko.Oci.Layers;

/// <summary>The values of a tar header in their encoded form, taken from a <see cref="LayerEntry"/>.</summary>
internal sealed record HeaderFields
{
    public HeaderFields(LayerEntry entry)
    {
        Name = Encoding.UTF8.GetBytes(entry.Path);
        LinkName = Encoding.UTF8.GetBytes(entry.LinkTarget);
        UserName = Encoding.UTF8.GetBytes(entry.UserName);
        GroupName = Encoding.UTF8.GetBytes(entry.GroupName);
        TypeFlag = GetTypeFlag(entry.Type);
        Mode = (long)entry.Mode;
        Uid = entry.Uid;
        Gid = entry.Gid;
        Size = entry.Size;
        ModificationTime = entry.ModificationTime;
        DevMajor = entry.DevMajor;
        DevMinor = entry.DevMinor;
    }

    public byte[] Name { get; init; }

    public byte[] LinkName { get; init; }

    public byte[] UserName { get; init; }

    public byte[] GroupName { get; init; }

    public byte TypeFlag { get; init; }

    public long Mode { get; init; }

    public long Uid { get; init; }

    public long Gid { get; init; }

    public long Size { get; init; }

    public long ModificationTime { get; init; }

    public long DevMajor { get; init; }

    public long DevMinor { get; init; }

    private static byte GetTypeFlag(LayerEntryType type) => type switch
    {
        LayerEntryType.RegularFile => (byte)'0',
        LayerEntryType.HardLink => (byte)'1',
        LayerEntryType.SymbolicLink => (byte)'2',
        LayerEntryType.CharacterDevice => (byte)'3',
        LayerEntryType.BlockDevice => (byte)'4',
        LayerEntryType.Directory => (byte)'5',
        LayerEntryType.Fifo => (byte)'6',
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown layer entry type."),
    };
}
