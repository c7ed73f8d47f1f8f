using System.Globalization;
using System.Text;
using Apko.Apk.Indexes;

namespace Apko.Apk.Packages;

/// <summary>
/// Parses <c>.PKGINFO</c>: <c>key = value</c> lines, <c>#</c> comments, and repeatable list keys (<c>depend</c>,
/// <c>provides</c>, <c>install_if</c>, <c>replaces</c>, <c>triggers</c>), whose values may also contain several
/// space-separated atoms. Keys this model has no field for (<c>packager</c>) are ignored.
/// </summary>
internal static class PkgInfoParser
{
    /// <exception cref="ApkException">
    /// A line is not <c>key = value</c>, a number is invalid, or a name is missing.
    /// </exception>
    public static ApkPackage Parse(ReadOnlySpan<byte> content, string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in Encoding.UTF8.GetString(content).Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                throw PackageErrors.PkgInfoLine(path, lineNumber, line);
            }

            var key = line[..equals].TrimEnd();
            var value = line[(equals + 1)..].TrimStart();
            Add(key, value, lineNumber, path, fields, lists, numbers);
        }

        return Build(path, fields, lists, numbers);
    }

    private static void Add(
        string key,
        string value,
        int line,
        string path,
        Dictionary<string, string> fields,
        Dictionary<string, List<string>> lists,
        Dictionary<string, long> numbers)
    {
        switch (key)
        {
            case "depend" or "provides" or "install_if" or "replaces" or "triggers":
                if (!lists.TryGetValue(key, out var list))
                {
                    lists[key] = list = [];
                }

                list.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                break;
            case "builddate" or "size" or "provider_priority" or "replaces_priority":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    throw PackageErrors.PkgInfoNumber(path, line, key, value);
                }

                numbers[key] = number;
                break;
            default:
                fields[key] = value;
                break;
        }
    }

    private static ApkPackage Build(
        string path,
        Dictionary<string, string> fields,
        Dictionary<string, List<string>> lists,
        Dictionary<string, long> numbers)
    {
        var name = fields.GetValueOrDefault("pkgname");
        var version = fields.GetValueOrDefault("pkgver");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            throw PackageErrors.PkgInfoMissingName(path);
        }

        string Field(string key) => fields.GetValueOrDefault(key, "");
        string[] List(string key) => lists.TryGetValue(key, out var list) ? [.. list] : [];

        return new ApkPackage
        {
            Name = name,
            Version = version,
            Arch = Field("arch"),
            Description = Field("pkgdesc"),
            Url = Field("url"),
            License = Field("license"),
            Origin = Field("origin"),
            Maintainer = Field("maintainer"),
            Commit = Field("commit"),
            BuildTime = numbers.GetValueOrDefault("builddate"),
            InstalledSize = numbers.GetValueOrDefault("size"),
            ProviderPriority = (int)numbers.GetValueOrDefault("provider_priority"),
            ReplacesPriority = (int)numbers.GetValueOrDefault("replaces_priority"),
            Dependencies = List("depend"),
            Provides = List("provides"),
            InstallIf = List("install_if"),
            Replaces = List("replaces"),
            Triggers = List("triggers"),
            DataHash = fields.GetValueOrDefault("datahash"),
        };
    }
}
