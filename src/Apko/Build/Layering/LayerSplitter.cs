using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Oci.Layers;

namespace Apko.Build.Layering;

/// <summary>
/// Splits an image filesystem into one layer per package group plus a top layer, in one walk. Files a package
/// created go to its group's layer. Directories, devices, the apk database and the files the build wrote go to the
/// top layer, which also carries the real metadata of every directory.
/// </summary>
internal static class LayerSplitter
{
    /// <summary>
    /// Path of the installed database. <c>lib/apk</c> may be a link to <c>usr/lib/apk</c>, so the walk finds the file
    /// by its node, not by this path.
    /// </summary>
    private const string InstalledDatabasePath = "lib/apk/db/installed";

    /// <summary>
    /// Returns the entries of each group's layer in the order of <paramref name="groups"/>, then the top layer's.
    /// </summary>
    /// <param name="fileSystem">The finished image filesystem.</param>
    /// <param name="groups">The package groups.</param>
    /// <param name="cancellationToken">Cancels the split.</param>
    public static async Task<IReadOnlyList<IReadOnlyList<LayerEntry>>> SplitAsync(
        ImageFileSystem fileSystem,
        IReadOnlyList<PackageGroup> groups,
        CancellationToken cancellationToken)
    {
        var entries = await LayerEntries.FromFileSystemAsync(fileSystem, cancellationToken).ConfigureAwait(false);
        var layerOfPackage = LayerIndexByPackage(groups);
        var layers = Enumerable.Range(0, groups.Count + 1).Select(_ => new LayerContents()).ToArray();
        var top = layers[^1];
        var installed = fileSystem.Lstat(InstalledDatabasePath) is null ? null : fileSystem.Stat(InstalledDatabasePath);
        var directories = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);

        var index = 0;
        foreach (var (path, node) in fileSystem.Walk())
        {
            var entry = entries[index++];
            if (entry.Path != path)
            {
                throw new InvalidOperationException(
                    $"The layer entry '{entry.Path}' does not match the walk at '{path}'.");
            }

            if (node.Type == FileNodeType.Directory)
            {
                directories[path] = entry;
                top.AddDirectory(entry);
                continue;
            }

            if (ReferenceEquals(node, installed))
            {
                AddPartialDatabases(layers, groups, entry, directories);
            }

            var layer = node.Package is { } package && layerOfPackage.TryGetValue(package, out var i) ? layers[i] : top;
            layer.Add(entry, node.Content, directories);
        }

        return layers.Select(layer => (IReadOnlyList<LayerEntry>)layer.Entries).ToArray();
    }

    private static Dictionary<string, int> LayerIndexByPackage(IReadOnlyList<PackageGroup> groups)
    {
        var layerOfPackage = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var package in groups[i].Packages)
            {
                layerOfPackage[package.Package.Name] = i;
            }
        }

        return layerOfPackage;
    }

    /// <summary>
    /// Gives each group layer an <c>installed</c> file with only its own packages' records, at the full database's
    /// path and with its header except the size, so a scanner that reads one layer finds the packages in it. The top
    /// layer's full database overrides them all in the image.
    /// NOTE: apko writes each package's record as it was at install time. These records are the final ones, so a
    /// file that a later package took over (through <c>replaces</c>) is listed only under its new owner.
    /// </summary>
    private static void AddPartialDatabases(
        LayerContents[] layers,
        IReadOnlyList<PackageGroup> groups,
        LayerEntry installed,
        IReadOnlyDictionary<string, LayerEntry> directories)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            var content = InstalledDatabaseWriter.FormatInstalled(groups[i].Packages);
            var entry = installed with
            {
                Type = LayerEntryType.RegularFile,
                LinkTarget = "",
                Size = content.Length,
                OpenContent = () => new MemoryStream(content, writable: false),
            };
            layers[i].Add(entry, null, directories);
        }
    }
}
