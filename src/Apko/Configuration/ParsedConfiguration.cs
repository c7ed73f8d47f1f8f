namespace Apko.Configuration;

/// <summary>One configuration file as read, before includes are merged, with the position of every key.</summary>
/// <param name="File">The file name used in messages.</param>
/// <param name="Configuration">The values read from this file alone.</param>
/// <param name="Locations">The position of each key path read, such as <c>contents.packages[2]</c>.</param>
/// <param name="Faulted">The key paths that already have a problem from reading, such as a wrong type.</param>
internal sealed record ParsedConfiguration(
    string File,
    ImageConfiguration Configuration,
    IReadOnlyDictionary<string, SourceLocation> Locations,
    IReadOnlySet<string> Faulted)
{
    /// <summary>Whether the key path, or a key below it, already has a problem; validation then skips it.</summary>
    public bool IsFaulted(string keyPath) => Faulted.Any(path => path == keyPath
        || (path.StartsWith(keyPath, StringComparison.Ordinal) && path.Length > keyPath.Length
            && path[keyPath.Length] is '.' or '['));

    /// <summary>Whether the key path was present in the file.</summary>
    public bool Has(string keyPath) => Locations.ContainsKey(keyPath);

    /// <summary>Returns the position of a key path, or of its nearest parent that has one.</summary>
    public SourceLocation LocationOf(string keyPath)
    {
        for (var path = keyPath; path.Length > 0; path = Parent(path))
        {
            if (Locations.TryGetValue(path, out var location))
            {
                return location;
            }
        }

        return new SourceLocation(File, 1, 1);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }
}
