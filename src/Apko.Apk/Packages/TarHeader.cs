using System.Formats.Tar;

namespace Apko.Apk.Packages;

/// <summary>The fields of one tar entry that <see cref="TarBlockWriter"/> writes.</summary>
internal sealed record TarHeader
{
    public required string Name { get; init; }

    public TarEntryType Type { get; init; } = TarEntryType.RegularFile;

    public int Mode { get; init; } = 0b110_100_100;

    public int Uid { get; init; }

    public int Gid { get; init; }

    public string UserName { get; init; } = "root";

    public string GroupName { get; init; } = "root";

    public long ModificationTime { get; init; }

    public string LinkName { get; init; } = "";

    public int DeviceMajor { get; init; }

    public int DeviceMinor { get; init; }

    /// <summary>PAX records written in this order before the entry, besides <c>path</c> and <c>linkpath</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PaxRecords { get; init; } = [];
}
