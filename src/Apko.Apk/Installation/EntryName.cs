using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>Checks the names in a package's data tar, rejecting any that could point outside the image root.</summary>
internal static class EntryName
{
    /// <summary>Returns the name without a trailing slash, or throws when it is absolute, climbs or has controls.</summary>
    public static string Validate(ApkPackage package, string name)
    {
        var reason = FindProblem(name);
        if (reason is not null)
        {
            throw InstallationErrors.InvalidEntryName(package, name, reason);
        }

        return name.TrimEnd('/');
    }

    /// <summary>Returns whether a file is one of apk-tools' <c>.keep_*</c> placeholders, which it never installs.</summary>
    public static bool IsKeepFile(string fileName) => fileName.Length > 6 && fileName.StartsWith(".keep_", StringComparison.Ordinal);

    private static string? FindProblem(string name)
    {
        if (name.TrimEnd('/').Length == 0)
        {
            return "is empty";
        }

        if (name.StartsWith('/'))
        {
            return "is an absolute path";
        }

        if (name.Any(static c => c < ' ' || c == '\x7f'))
        {
            return "contains a control character";
        }

        var parts = name.TrimEnd('/').Split('/');
        if (parts.Contains(".."))
        {
            return "climbs out of its directory with '..'";
        }

        return parts.Any(static part => part is "." or "") ? "is not a normalized path ('.' or '//')" : null;
    }
}
