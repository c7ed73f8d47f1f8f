using Apko.Apk.FileSystem;
using Apko.Oci.Layers;

namespace Apko.Build.Layering;

/// <summary>
/// The entries of one layer while the filesystem is split. It adds missing parent directories and keeps hard links
/// inside the layer, so every layer is a valid tar on its own.
/// </summary>
internal sealed class LayerContents
{
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<FileContent, string> _firstPathOfContent = new(ReferenceEqualityComparer.Instance);

    /// <summary>The entries in tar order.</summary>
    public List<LayerEntry> Entries { get; } = [];

    /// <summary>Adds a directory with its own metadata.</summary>
    public void AddDirectory(LayerEntry entry)
    {
        _directories.Add(entry.Path);
        Entries.Add(entry);
    }

    /// <summary>
    /// Adds a non-directory entry after any parent directory this layer lacks. A parent takes its metadata from
    /// <paramref name="directories"/> but the modification time of <paramref name="entry"/>.
    /// </summary>
    /// <param name="entry">The entry as the single layer would write it.</param>
    /// <param name="content">The content of a regular file or hard link; null for other entries.</param>
    /// <param name="directories">The image's directory entries by path.</param>
    public void Add(LayerEntry entry, FileContent? content, IReadOnlyDictionary<string, LayerEntry> directories)
    {
        AddMissingParents(entry.Path, entry.ModificationTime, directories);
        Entries.Add(content is null ? entry : WithContent(entry, content));
    }

    /// <summary>
    /// Makes the first path of a content in this layer a regular file and later paths hard links to it. A hard link
    /// whose target lies in another layer would dangle when the layer is read alone, so such a path gets its own copy
    /// of the content (apko writes the link as it is).
    /// </summary>
    private LayerEntry WithContent(LayerEntry entry, FileContent content)
    {
        if (_firstPathOfContent.TryGetValue(content, out var first))
        {
            return entry with { Type = LayerEntryType.HardLink, LinkTarget = first, Size = 0, OpenContent = null };
        }

        _firstPathOfContent[content] = entry.Path;
        return entry with
        {
            Type = LayerEntryType.RegularFile,
            LinkTarget = "",
            Size = content.Length,
            OpenContent = content.OpenRead,
        };
    }

    private void AddMissingParents(
        string path,
        long modificationTime,
        IReadOnlyDictionary<string, LayerEntry> directories)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path[..slash];
            if (_directories.Add(parent))
            {
                Entries.Add(directories[parent] with { ModificationTime = modificationTime });
            }
        }
    }
}
