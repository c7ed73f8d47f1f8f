using Apko.Apk;
using Apko.Apk.FileSystem;

namespace Apko.Build.LdsoCache;

/// <summary>Expands an absolute glob pattern against an image's file system, component by component.</summary>
internal static class ImageGlob
{
    /// <summary>
    /// Returns the clean absolute paths that exist and match <paramref name="pattern"/>, in the order of sorted
    /// directory listings. Wildcards may appear in any component but never match a <c>/</c>, and a name that starts
    /// with a dot matches only a component that starts with one, as in glob(3).
    /// </summary>
    public static IReadOnlyList<string> Expand(ImageFileSystem fileSystem, string pattern)
    {
        IEnumerable<string> candidates = ["/"];
        foreach (var component in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            candidates = GlobPattern.HasWildcard(component)
                ? candidates.SelectMany(path => ListMatches(fileSystem, path, component)).ToList()
                : candidates.Select(path => ImagePath.Clean(ImagePath.Join(path, component))).ToList();
        }

        return candidates.Where(path => Exists(fileSystem, path)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> ListMatches(ImageFileSystem fileSystem, string directory, string component)
    {
        if (!TryStat(fileSystem, directory, out var node) || node?.Type != FileNodeType.Directory)
        {
            return [];
        }

        return fileSystem.ReadDirectory(directory)
            .Where(name => GlobPattern.IsMatch(component, name))
            .Where(name => name[0] != '.' || component[0] == '.')
            .Select(name => ImagePath.Join(directory, name));
    }

    private static bool Exists(ImageFileSystem fileSystem, string path) =>
        TryStat(fileSystem, path, out var node) && node is not null;

    private static bool TryStat(ImageFileSystem fileSystem, string path, out FileNode? node)
    {
        try
        {
            node = fileSystem.Stat(path);
            return true;
        }
        catch (ApkException)
        {
            node = null;
            return false;
        }
    }
}
