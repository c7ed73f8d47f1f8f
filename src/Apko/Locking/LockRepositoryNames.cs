using Apko.Apk.Indexes;

namespace Apko.Locking;

/// <summary>Names repositories, keys and package files the way lock files record them.</summary>
internal static class LockRepositoryNames
{
    /// <summary>Returns <paramref name="location"/> without a leading <c>https://</c> or <c>http://</c>.</summary>
    public static string StripScheme(string location)
    {
        foreach (var scheme in (string[])["https://", "http://"])
        {
            if (location.StartsWith(scheme, StringComparison.Ordinal))
            {
                return location[scheme.Length..];
            }
        }

        return location;
    }

    /// <summary>
    /// Returns the lock entry of one configured repository line for one architecture. The tag is dropped before the
    /// scheme, so a tagged https repository is named without its scheme.
    /// NOTE: apko strips the scheme first and the tag after, so its lock names a tagged https repository with
    /// <c>https://</c>; locks of tagged repositories differ from apko's in that name only.
    /// </summary>
    public static LockRepository ForRepository(string line, string arch)
    {
        var location = Repository.Parse(line).Location;
        return new LockRepository(
            StripScheme($"{location}/{arch}"),
            $"{location}/{arch}/{Apko.Apk.Repositories.RepositoryFetcher.IndexFileName}",
            arch);
    }

    /// <summary>Returns the package URL a lock records: untagged repository, architecture and file name.</summary>
    public static string PackageUrl(string repositoryLocation, string arch, ApkPackage package) =>
        $"{repositoryLocation}/{arch}/{package.Name}-{package.Version}.apk";
}
