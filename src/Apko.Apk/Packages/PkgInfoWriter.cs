using System.Globalization;
using System.Text;
using Apko.Apk.Indexes;

namespace Apko.Apk.Packages;

/// <summary>Writes <c>.PKGINFO</c> in abuild's key order; empty fields are left out.</summary>
internal static class PkgInfoWriter
{
    public static byte[] Write(ApkPackage package)
    {
        var text = new StringBuilder();
        Add(text, "pkgname", package.Name);
        Add(text, "pkgver", package.Version);
        Add(text, "pkgdesc", package.Description);
        Add(text, "url", package.Url);
        Add(text, "builddate", package.BuildTime);
        Add(text, "size", package.InstalledSize);
        Add(text, "arch", package.Arch);
        Add(text, "origin", package.Origin);
        Add(text, "commit", package.Commit);
        Add(text, "maintainer", package.Maintainer);
        Add(text, "license", package.License);
        AddEach(text, "replaces", package.Replaces);
        Add(text, "provider_priority", package.ProviderPriority);
        Add(text, "replaces_priority", package.ReplacesPriority);
        Add(text, "triggers", string.Join(' ', package.Triggers));
        AddEach(text, "provides", package.Provides);
        AddEach(text, "depend", package.Dependencies);
        AddEach(text, "install_if", package.InstallIf);
        Add(text, "datahash", package.DataHash ?? "");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Add(StringBuilder text, string key, long value)
    {
        if (value != 0 || key == "size")
        {
            Add(text, key, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Add(StringBuilder text, string key, string value)
    {
        if (value.Length > 0)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }
    }

    private static void AddEach(StringBuilder text, string key, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(text, key, value);
        }
    }
}
