namespace Apko.Build.LdsoCache;

/// <summary>Lexical handling of absolute image paths, as Go's <c>path.Clean</c> treats them.</summary>
internal static class ImagePath
{
    /// <summary>
    /// Returns <paramref name="path"/> as a clean absolute path: a leading slash, no empty or <c>.</c> components,
    /// and <c>..</c> removed together with the component before it (never above the root).
    /// </summary>
    public static string Clean(string path)
    {
        var names = new List<string>();
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == "..")
            {
                if (names.Count > 0)
                {
                    names.RemoveAt(names.Count - 1);
                }
            }
            else if (name != ".")
            {
                names.Add(name);
            }
        }

        return "/" + string.Join('/', names);
    }

    /// <summary>Joins a clean absolute directory and a file name.</summary>
    public static string Join(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;

    /// <summary>Returns the directory part of a clean absolute path; <c>/</c> for an entry of the root.</summary>
    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
