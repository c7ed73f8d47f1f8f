namespace Apko.Tests.Build.Layering;

/// <summary>Reads which package owns each file from the text of an installed database.</summary>
internal static class InstalledOwners
{
    /// <summary>Returns package name by file path (without a leading slash) for every <c>R:</c> line.</summary>
    public static Dictionary<string, string> Parse(string installed)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var (package, directory) = ("", "");
        foreach (var line in installed.Split('\n'))
        {
            if (line.StartsWith("P:", StringComparison.Ordinal))
            {
                (package, directory) = (line[2..], "");
            }
            else if (line.StartsWith("F:", StringComparison.Ordinal))
            {
                directory = line[2..];
            }
            else if (line.StartsWith("R:", StringComparison.Ordinal))
            {
                owners[directory.Length == 0 ? line[2..] : directory + "/" + line[2..]] = package;
            }
        }

        return owners;
    }
}
