namespace Apko.Testing;

/// <summary>Locates the read-only reference data in <c>../shared/fixtures</c> beside the repository.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The repository root: the directory that contains <c>Apko.slnx</c>.</summary>
    public static string RepositoryRoot => s_repositoryRoot.Value;

    /// <summary>The fixtures directory, <c>../shared/fixtures</c> relative to the repository root.</summary>
    public static string Root => System.IO.Path.GetFullPath(
        System.IO.Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    /// <summary>Returns the full path of a fixture file and fails the test when it is missing.</summary>
    public static string Path(params string[] parts)
    {
        var path = System.IO.Path.Combine([Root, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Fixture '{path}' is missing. The tests expect ../shared/fixtures beside the repository.", path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Apko.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Apko.slnx above '{AppContext.BaseDirectory}'.");
    }
}
