using Apko.Apk.Installation;
using Apko.Apk.Versions;

namespace Apko.Build.Layering;

/// <summary>
/// Splits installed packages into layer groups as apko's <c>origin</c> strategy does: one group per origin, groups
/// joined when a package replaces a package of another group, then the largest <c>budget - 1</c> groups kept and the
/// rest merged into one.
/// </summary>
internal static class OriginGrouping
{
    /// <summary>Returns at most <c>max(budget, 1)</c> groups, largest first, with the merged remainder last.</summary>
    /// <param name="packages">The installed packages.</param>
    /// <param name="budget">The layering budget: the maximum number of package layers.</param>
    public static IReadOnlyList<PackageGroup> Group(IReadOnlyList<InstalledPackage> packages, int budget)
    {
        var origins = new OriginSets();
        foreach (var package in packages)
        {
            origins.Add(OriginOf(package));
        }

        JoinReplacedOrigins(packages, origins);
        var groups = packages
            .GroupBy(package => origins.Find(OriginOf(package)), StringComparer.Ordinal)
            .Select(CreateGroup)
            .OrderByDescending(group => group.InstalledSize)
            .ThenBy(group => group.Packages[^1].Package.Name, StringComparer.Ordinal)
            .ToList();

        var keptCount = Math.Max(budget - 1, 0);
        if (groups.Count <= keptCount + 1)
        {
            return groups;
        }

        var rest = CreateGroup(groups.Skip(keptCount).SelectMany(group => group.Packages));
        return [.. groups.Take(keptCount), rest];
    }

    private static void JoinReplacedOrigins(IReadOnlyList<InstalledPackage> packages, OriginSets origins)
    {
        var byName = packages.ToDictionary(package => package.Package.Name, StringComparer.Ordinal);
        foreach (var package in packages)
        {
            foreach (var text in package.Package.Replaces)
            {
                // A replaces entry is a dependency atom: a name with an optional version constraint. An entry that
                // names no installed package, or a version other than the installed one, joins nothing.
                if (Dependency.TryParse(text, out var replaced)
                    && byName.TryGetValue(replaced.Name, out var target)
                    && replaced.IsSatisfiedBy(target.Package.Version))
                {
                    origins.Join(OriginOf(package), OriginOf(target));
                }
            }
        }
    }

    private static PackageGroup CreateGroup(IEnumerable<InstalledPackage> packages)
    {
        var sorted = packages.OrderBy(package => package.Package.Name, StringComparer.Ordinal).ToArray();
        return new PackageGroup(sorted, sorted.Sum(package => package.Package.InstalledSize));
    }

    /// <summary>
    /// Returns the package's origin. Packages that record no origin share the empty origin and so one group, as in
    /// apko.
    /// </summary>
    private static string OriginOf(InstalledPackage package) => package.Package.Origin;
}
