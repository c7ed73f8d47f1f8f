using System.Formats.Tar;
using System.IO.Compression;
using Apko.Oci.Layers;
using Apko.Testing;

namespace Apko.Oci.Tests.Layers;

/// <summary>apko's golden x86_64 layer, read back into layer entries.</summary>
internal static class GoldenLayer
{
    public const string BlobHex = "c7557730da0e2d7fb242d8d1ac6dcf7e3a2439732aa5981270b4f3a02454b738";
    public const string DiffId = "sha256:20f698463c2755b6dc42b7d07e959ed7455a06e7367d507e829a315898f21a01";
    public const string Arm64BlobHex = "7e0f9d62f6cab4785e18a55f17d03f20ffb776881f1f46258efd9458f7cdaf08";
    public const string Arm64DiffId = "sha256:ca5e16c7c944d764863cb1a4286e668e72d6d87ef9ddd82337b19d87715bae7e";

    public static byte[] ReadTar(string blobHex = BlobHex)
    {
        var path = Fixtures.Path("apko", "internal", "cli", "testdata", "golden", "blobs", "sha256", blobHex);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }

    /// <summary>Converts every entry of a tar archive to a layer entry, content included.</summary>
    public static List<LayerEntry> ReadEntries(byte[] tar)
    {
        var entries = new List<LayerEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(ToLayerEntry(entry));
        }

        return entries;
    }

    private static LayerEntry ToLayerEntry(TarEntry entry)
    {
        var content = Array.Empty<byte>();
        if (entry.DataStream is { } data)
        {
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            content = copy.ToArray();
        }

        var posix = (PosixTarEntry)entry;
        return new LayerEntry
        {
            Path = entry.Name,
            Type = ToType(entry.EntryType),
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = posix.UserName,
            GroupName = posix.GroupName,
            ModificationTime = entry.ModificationTime.ToUnixTimeSeconds(),
            Size = content.Length,
            LinkTarget = entry.LinkName,
            DevMajor = posix.DeviceMajor,
            DevMinor = posix.DeviceMinor,
            OpenContent = content.Length == 0 ? null : () => new MemoryStream(content),
        };
    }

    private static LayerEntryType ToType(TarEntryType type) => type switch
    {
        TarEntryType.Directory => LayerEntryType.Directory,
        TarEntryType.RegularFile or TarEntryType.V7RegularFile => LayerEntryType.RegularFile,
        TarEntryType.SymbolicLink => LayerEntryType.SymbolicLink,
        TarEntryType.HardLink => LayerEntryType.HardLink,
        TarEntryType.CharacterDevice => LayerEntryType.CharacterDevice,
        TarEntryType.BlockDevice => LayerEntryType.BlockDevice,
        TarEntryType.Fifo => LayerEntryType.Fifo,
        _ => throw new InvalidDataException($"Unexpected tar entry type {type}."),
    };
}
