namespace Apko.Tests.Build.Layering;

/// <summary>The entries of one layer in tar order and the text of its regular files.</summary>
internal sealed record LayerListing(IReadOnlyList<string> Paths, IReadOnlyDictionary<string, string> Texts)
{
    /// <summary>Returns the text of the layer's <c>apk/db/installed</c> file, or null when it has none.</summary>
    public string? InstalledDatabase =>
        Texts.Where(t => t.Key.EndsWith("apk/db/installed", StringComparison.Ordinal)).Select(t => t.Value)
            .SingleOrDefault();

    /// <summary>Returns the package names (<c>P:</c> lines) of the layer's installed database, in file order.</summary>
    public IReadOnlyList<string> InstalledPackages =>
        (InstalledDatabase ?? "").Split('\n').Where(l => l.StartsWith("P:", StringComparison.Ordinal))
            .Select(l => l[2..]).ToArray();
}
