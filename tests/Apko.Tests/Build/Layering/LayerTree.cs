using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Apko.Tests.Build.Layering;

/// <summary>
/// A root filesystem read from gzip layer blobs with System.Formats.Tar: path to entry, each layer's entries
/// overriding those of the layers below it, as a container runtime stacks them.
/// </summary>
internal sealed class LayerTree
{
    private const int MaxTextLength = 256 << 10;

    public Dictionary<string, TreeEntry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Applies one layer and returns its own entries in tar order, with the text of its small files.</summary>
    public async Task<LayerListing> ApplyAsync(string blobPath)
    {
        var entries = new List<KeyValuePair<string, TreeEntry>>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var file = File.OpenRead(blobPath);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            var treeEntry = await ToTreeEntryAsync(entry, texts);
            entries.Add(new(entry.Name, treeEntry));
            Entries[entry.Name] = treeEntry;
        }

        return new LayerListing(entries, texts);
    }

    private async Task<TreeEntry> ToTreeEntryAsync(TarEntry entry, Dictionary<string, string> texts)
    {
        var type = entry.EntryType == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : entry.EntryType;
        var hash = "";
        var link = entry.LinkName;
        if (type == TarEntryType.HardLink)
        {
            var target = Entries[entry.LinkName];
            (type, hash, link) = (target.Type, target.ContentHash, "");
        }
        else if (type == TarEntryType.RegularFile)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(content);
            }

            hash = Convert.ToHexStringLower(SHA256.HashData(content.ToArray()));
            if (content.Length <= MaxTextLength)
            {
                texts[entry.Name] = Encoding.UTF8.GetString(content.ToArray());
            }
        }

        return new TreeEntry(
            type, entry.Mode, entry.Uid, entry.Gid, entry.ModificationTime.ToUnixTimeSeconds(), hash, link);
    }
}
