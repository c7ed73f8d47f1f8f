using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>Upper bounds of what a <see cref="PackageIndex"/> holds, so that its arrays are allocated once.</summary>
/// <param name="Packages">Package records.</param>
/// <param name="Provides">Provided names over all records.</param>
/// <param name="Atoms">Dependency and install-if atoms over all records.</param>
internal readonly record struct IndexSizes(int Packages, int Provides, int Atoms)
{
    public static IndexSizes Count(
        IReadOnlyList<RepositoryIndex> repositories,
        IReadOnlyList<InstalledPackage> installed)
    {
        var sizes = default(IndexSizes);
        for (var i = 0; i < repositories.Count; i++)
        {
            var packages = repositories[i].Index.Packages;
            for (var j = 0; j < packages.Count; j++)
            {
                sizes = sizes.Add(packages[j]);
            }
        }

        for (var i = 0; i < installed.Count; i++)
        {
            sizes = sizes.Add(installed[i].Package);
        }

        return sizes;
    }

    private IndexSizes Add(ApkPackage package) => new(
        Packages + 1,
        Provides + package.Provides.Count,
        Atoms + package.Dependencies.Count + package.InstallIf.Count);
}
