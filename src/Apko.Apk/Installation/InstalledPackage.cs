using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>
/// A package in the installed database: its metadata, the directories and files it owns, and its scripts for
/// <c>scripts.tar</c>.
/// </summary>
public sealed class InstalledPackage
{
    private readonly List<InstalledDirectory> _directories = [];
    private readonly Dictionary<string, InstalledDirectory> _directoriesByPath = new(StringComparer.Ordinal);

    /// <summary>Creates a record without directories.</summary>
    /// <param name="package">Package metadata; <see cref="ApkPackage.Checksum"/> identifies its scripts and triggers.</param>
    /// <param name="scripts">Control entries that are install scripts; other entries are ignored.</param>
    public InstalledPackage(ApkPackage package, IEnumerable<ControlEntry>? scripts = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        Package = package;
        Scripts = (scripts ?? []).Where(entry => PackageScripts.IsScript(entry.Name)).ToList();
    }

    /// <summary>Package metadata, written as the record's index fields.</summary>
    public ApkPackage Package { get; }

    /// <summary>Install scripts (<c>.pre-install</c>, <c>.trigger</c>…) for <c>scripts.tar</c>.</summary>
    public IReadOnlyList<ControlEntry> Scripts { get; }

    /// <summary>Repository tag the package was pinned to (<c>s:</c>), such as <c>edge</c>; null when untagged.</summary>
    public string? RepositoryTag { get; init; }

    /// <summary>apk-tools' problem flags (<c>f:</c>), such as <c>f</c> for files that failed to install.</summary>
    public string? Flags { get; init; }

    /// <summary>Directories in the order the package first listed them.</summary>
    public IReadOnlyList<InstalledDirectory> Directories => _directories;

    /// <summary>Returns the directory record for <paramref name="path"/>, or null.</summary>
    public InstalledDirectory? FindDirectory(string path) => _directoriesByPath.GetValueOrDefault(path);

    internal InstalledDirectory AddDirectory(string path, FileAcl acl)
    {
        var directory = FindDirectory(path);
        if (directory is null)
        {
            directory = new InstalledDirectory(path, acl);
            _directories.Add(directory);
            _directoriesByPath.Add(path, directory);
        }

        directory.Acl = acl;
        return directory;
    }

    /// <summary>Returns <c>name-version</c>, the way apk-tools names a package in messages.</summary>
    public override string ToString() => Package.ToString();
}
