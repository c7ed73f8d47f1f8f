using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>
/// Keeps, for each architecture, only the packages whose name and version every other requested architecture also
/// offers, so that resolving each architecture separately still picks the same versions everywhere.
/// </summary>
internal static class ArchitectureFilter
{
    public static Dictionary<string, List<RepositoryIndex>> KeepCommonPackages(
        IReadOnlyList<RepositoryIndex> repositories,
        IReadOnlyList<string> architectures)
    {
        var byArchitecture = architectures.Distinct(StringComparer.Ordinal).ToDictionary(
            architecture => architecture,
            architecture => repositories.Where(r => r.Arch == architecture).ToList(),
            StringComparer.Ordinal);
        var missing = byArchitecture.Where(pair => pair.Value.Count == 0).Select(pair => pair.Key).ToList();
        if (missing.Count > 0)
        {
            throw new ApkException("APKO3005", ResolutionMessages.MissingArchitectures(missing));
        }

        if (byArchitecture.Count == 1)
        {
            return byArchitecture;
        }

        var offered = byArchitecture.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.SelectMany(r => r.Index.Packages).Select(Key).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        return byArchitecture.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Select(r => Filter(r, offered, pair.Key)).ToList(),
            StringComparer.Ordinal);
    }

    private static RepositoryIndex Filter(
        RepositoryIndex repository,
        Dictionary<string, HashSet<string>> offered,
        string architecture)
    {
        var kept = repository.Index.Packages
            .Where(package => offered.All(pair => pair.Key == architecture || pair.Value.Contains(Key(package))))
            .ToList();
        return repository with { Index = repository.Index with { Packages = kept } };
    }

    private static string Key(ApkPackage package) => package.Name + "=" + package.Version;
}
