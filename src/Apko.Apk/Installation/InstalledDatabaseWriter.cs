using System.Globalization;
using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>
/// Writes the installed database files of apk-tools 2.14: <c>installed</c>, <c>scripts.tar</c> and
/// <c>triggers</c>. Packages are written sorted by name as apk-tools sorts them (ASCII case folded first), with
/// apk-tools' field order, octal modes without a leading zero and no empty optional fields.
/// </summary>
public static class InstalledDatabaseWriter
{
    private const UnixFileMode DatabaseFileMode = (UnixFileMode)0x1A4;

    /// <summary>
    /// Writes <c>installed</c>, <c>scripts.tar</c> and <c>triggers</c> into <paramref name="directory"/> of the image
    /// (such as <c>usr/lib/apk/db</c>), mode 0644, owner 0:0, creating the directory with mode 0755 when missing.
    /// </summary>
    /// <param name="fileSystem">The image.</param>
    /// <param name="database">The packages to write.</param>
    /// <param name="directory">Database directory in the image.</param>
    /// <param name="scriptModificationTime">Modification time of every <c>scripts.tar</c> entry, in Unix seconds.</param>
    /// <exception cref="ApkException">The directory cannot be created in the image.</exception>
    public static void WriteTo(
        ImageFileSystem fileSystem,
        InstalledDatabase database,
        string directory,
        long scriptModificationTime)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(database);
        fileSystem.MkdirAll(directory, (UnixFileMode)0x1ED);
        var prefix = directory.TrimEnd('/') + "/";
        fileSystem.WriteFile(prefix + "installed", FormatInstalled(database.Packages), DatabaseFileMode);
        fileSystem.WriteFile(
            prefix + "scripts.tar", FormatScriptsTar(database.Packages, scriptModificationTime), DatabaseFileMode);
        fileSystem.WriteFile(prefix + "triggers", FormatTriggers(database.Packages), DatabaseFileMode);
    }

    /// <summary>Formats the <c>installed</c> file: one record per package, each ending with a blank line.</summary>
    public static byte[] FormatInstalled(IEnumerable<InstalledPackage> packages)
    {
        var text = new StringBuilder();
        foreach (var package in Sort(packages))
        {
            AppendIndexFields(text, package.Package);
            AppendInstalledFields(text, package);
            foreach (var directory in package.Directories)
            {
                AppendDirectory(text, directory);
            }

            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// Formats the <c>triggers</c> file: for each package with triggers, its checksum and trigger globs on one line.
    /// </summary>
    public static byte[] FormatTriggers(IEnumerable<InstalledPackage> packages)
    {
        var text = new StringBuilder();
        foreach (var package in Sort(packages).Where(package => package.Package.Triggers.Count > 0))
        {
            text.Append(package.Package.Checksum).Append(' ').AppendJoin(' ', package.Package.Triggers).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// Formats <c>scripts.tar</c> as apk-tools writes it: one entry per install script, named
    /// <c>name-version.Q1checksum.action</c>, mode 0755, owner root, then two zero blocks.
    /// </summary>
    public static byte[] FormatScriptsTar(IEnumerable<InstalledPackage> packages, long modificationTime)
    {
        using var output = new MemoryStream();
        foreach (var package in Sort(packages))
        {
            foreach (var action in PackageScripts.Actions)
            {
                var script = package.Scripts.FirstOrDefault(entry => entry.Name == "." + action);
                if (script is not null)
                {
                    var name = $"{package.Package.Name}-{package.Package.Version}.{package.Package.Checksum}.{action}";
                    ScriptsTarFormat.WriteEntry(output, name, script.Content, modificationTime);
                }
            }
        }

        ScriptsTarFormat.WriteEnd(output);
        return output.ToArray();
    }

    internal static IEnumerable<InstalledPackage> Sort(IEnumerable<InstalledPackage> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return packages.Order(Comparer<InstalledPackage>.Create(
            (x, y) => PackageNameComparer.Instance.Compare(x.Package.Name, y.Package.Name)));
    }

    private static void AppendIndexFields(StringBuilder text, ApkPackage package)
    {
        AppendIf(text, 'C', package.Checksum);
        Append(text, 'P', package.Name);
        Append(text, 'V', package.Version);
        AppendIf(text, 'A', package.Arch);
        Append(text, 'S', Number(package.Size));
        Append(text, 'I', Number(package.InstalledSize));
        Append(text, 'T', package.Description);
        Append(text, 'U', package.Url);
        Append(text, 'L', package.License);
        AppendIf(text, 'o', package.Origin);
        AppendIf(text, 'm', package.Maintainer);
        AppendIf(text, 't', package.BuildTime == 0 ? null : Number(package.BuildTime));
        AppendIf(text, 'c', package.Commit);
        AppendIf(text, 'k', package.ProviderPriority == 0 ? null : Number(package.ProviderPriority));
        AppendIf(text, 'D', string.Join(' ', package.Dependencies));
        AppendIf(text, 'p', string.Join(' ', package.Provides));
        AppendIf(text, 'i', string.Join(' ', package.InstallIf));
    }

    private static void AppendInstalledFields(StringBuilder text, InstalledPackage package)
    {
        AppendIf(text, 'r', string.Join(' ', package.Package.Replaces));
        AppendIf(text, 'q', package.Package.ReplacesPriority == 0 ? null : Number(package.Package.ReplacesPriority));
        AppendIf(text, 's', package.RepositoryTag);
        AppendIf(text, 'f', package.Flags);
    }

    private static void AppendDirectory(StringBuilder text, InstalledDirectory directory)
    {
        Append(text, 'F', directory.Path);
        if (directory.Acl != FileAcl.DefaultDirectory)
        {
            Append(text, 'M', directory.Acl.Format());
        }

        foreach (var file in directory.Files)
        {
            Append(text, 'R', file.Name);
            if (file.Acl != FileAcl.DefaultFile)
            {
                Append(text, 'a', file.Acl.Format());
            }

            AppendIf(text, 'Z', file.Checksum);
        }
    }

    private static void Append(StringBuilder text, char field, string value) =>
        text.Append(field).Append(':').Append(value).Append('\n');

    private static void AppendIf(StringBuilder text, char field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Append(text, field, value);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
