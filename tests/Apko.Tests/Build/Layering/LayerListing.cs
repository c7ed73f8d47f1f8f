namespace Apko.Tests.Build.Layering;

/// <summary>The entries of one layer in tar order and the text of its regular files.</summary>
internal sealed record LayerListing(
    IReadOnlyList<KeyValuePair<string, TreeEntry>> Entries,
    IReadOnlyDictionary<string, string> Texts)
{
    /// <summary>Returns the entry paths in tar order.</summary>
    public IReadOnlyList<string> Paths => Entries.Select(e => e.Key).ToArray();

    /// <summary>Returns the entry at <paramref name="path"/>.</summary>
    public TreeEntry this[string path] => Entries.Single(e => e.Key == path).Value;

    /// <summary>Returns the text of the layer's <c>apk/db/installed</c> file, or null when it has none.</summary>
    public string? InstalledDatabase =>
        Texts.Where(t => t.Key.EndsWith("apk/db/installed", StringComparison.Ordinal)).Select(t => t.Value)
            .SingleOrDefault();

    /// <summary>Returns the package names (<c>P:</c> lines) of the layer's installed database, in file order.</summary>
    public IReadOnlyList<string> InstalledPackages =>
        (InstalledDatabase ?? "").Split('\n').Where(l => l.StartsWith("P:", StringComparison.Ordinal))
            .Select(l => l[2..]).ToArray();
}
