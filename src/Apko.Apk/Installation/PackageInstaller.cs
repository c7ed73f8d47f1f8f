using Apko.Apk.FileSystem;
using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>
/// Installs packages into an <see cref="ImageFileSystem"/> and records them in an <see cref="InstalledDatabase"/>,
/// the way apk-tools 2.14 does: package-declared owners, modes (setuid, setgid and sticky included), times and
/// extended attributes are kept, each file's SHA-1 is verified, and file conflicts follow apk-tools' replaces and
/// origin rules. Install packages one at a time, in dependency order.
/// </summary>
public sealed partial class PackageInstaller
{
    private readonly ImageFileSystem _fileSystem;
    private readonly InstalledDatabase _database;

    /// <summary>Creates an installer that writes into <paramref name="fileSystem"/> and <paramref name="database"/>.</summary>
    public PackageInstaller(ImageFileSystem fileSystem, InstalledDatabase database)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(database);
        _fileSystem = fileSystem;
        _database = database;
    }

    /// <summary>
    /// Installs one package from its decompressed data tar and returns its installed-database record.
    /// </summary>
    /// <param name="package">Package metadata, with <see cref="ApkPackage.Checksum"/>, replaces and triggers.</param>
    /// <param name="controlEntries">The control section's entries; install scripts go to <c>scripts.tar</c>.</param>
    /// <param name="dataTarPath">
    /// Absolute path of the package's decompressed data tar. Regular files in the image refer to byte ranges of this file
    /// instead of copying them, so it must stay unchanged for as long as the file system is used. Entries whose
    /// names start with a dot (control and signature entries) are skipped, so the decompressed whole .apk works too.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the tar.</param>
    /// <exception cref="ArgumentException"><paramref name="dataTarPath"/> is not absolute.</exception>
    /// <exception cref="ApkException">
    /// The package is malformed or hostile (unsafe names, checksum mismatch, missing directory entries), conflicts
    /// with an installed package, or cannot be placed in the image. Every check except the last runs before the
    /// image changes; after a placement failure, discard the file system and the database.
    /// </exception>
    public async Task<InstalledPackage> InstallAsync(
        ApkPackage package,
        IReadOnlyList<ControlEntry> controlEntries,
        string dataTarPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(controlEntries);
        ArgumentException.ThrowIfNullOrEmpty(dataTarPath);
        if (!Path.IsPathFullyQualified(dataTarPath))
        {
            throw new ArgumentException($"The data tar path '{dataTarPath}' must be absolute.", nameof(dataTarPath));
        }

        if (string.IsNullOrEmpty(package.Checksum))
        {
            throw InstallationErrors.MissingChecksum(package);
        }

        var entries = await ReadEntriesAsync(package, dataTarPath, cancellationToken).ConfigureAwait(false);
        CheckDirectoryEntries(package, entries);
        var overwrites = DecideConflicts(package, entries);

        var installed = new InstalledPackage(package, controlEntries);
        _database.Add(installed);
        for (var i = 0; i < entries.Count; i++)
        {
            Apply(installed, entries[i], overwrites[i]);
        }

        return installed;
    }

    private static void CheckDirectoryEntries(ApkPackage package, List<PlannedEntry> entries)
    {
        var directories = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var entry in entries)
        {
            if (entry.Type == FileNodeType.Directory)
            {
                directories.Add(entry.Path);
            }
            else if (!directories.Contains(entry.Directory))
            {
                throw InstallationErrors.MissingDirectoryEntry(package, entry.Path, entry.Directory);
            }
        }
    }

    private bool[] DecideConflicts(ApkPackage package, List<PlannedEntry> entries)
    {
        var overwrites = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Type == FileNodeType.Directory)
            {
                continue;
            }

            var owner = _database.FindOwner(entry.Path);
            overwrites[i] = owner is null || FileConflictPolicy.ShouldOverwrite(owner, package, entry);
        }

        return overwrites;
    }

    private void Apply(InstalledPackage installed, PlannedEntry entry, bool overwrite)
    {
        try
        {
            if (entry.Type == FileNodeType.Directory)
            {
                ApplyDirectory(installed, entry);
            }
            else if (overwrite)
            {
                ApplyFile(installed, entry);
            }
        }
        catch (ApkException error) when (FileSystemErrors.IsFileSystemError(error))
        {
            throw InstallationErrors.EntryFailed(installed.Package, entry.Path, error);
        }
    }
}
