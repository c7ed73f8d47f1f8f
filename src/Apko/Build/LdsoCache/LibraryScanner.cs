using Apko.Apk;
using Apko.Apk.FileSystem;

namespace Apko.Build.LdsoCache;

/// <summary>
/// Finds the shared libraries ldconfig would cache in an image's library directories, as apko's emulation does:
/// each <c>lib*.so*</c> or <c>ld-*.so*</c> regular file, or symbolic link to one, that is an ELF shared object and
/// whose file name is its soname or the soname's <c>NAME.so</c> development link.
/// </summary>
internal static class LibraryScanner
{
    private const ushort X8664Machine = 62;
    private const ushort AArch64Machine = 183;

    /// <summary>
    /// Scans <paramref name="directories"/> in order; missing directories are skipped. Entries whose keys compare
    /// equal keep directory order, so the directory listed first wins a lookup.
    /// </summary>
    /// <exception cref="ApkoException">
    /// A library is for a machine other than x86-64 or AArch64, or cannot be read.
    /// </exception>
    public static async Task<LibraryScan> ScanAsync(
        ImageFileSystem fileSystem,
        IEnumerable<string> directories,
        CancellationToken cancellationToken)
    {
        var entries = new List<LdsoCacheEntry>();
        var skipped = new List<SkippedLibrary>();
        foreach (var directory in directories.Select(ImagePath.Clean))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var name in ListDirectory(fileSystem, directory))
            {
                var path = ImagePath.Join(directory, name);
                var entry = await ReadEntryAsync(fileSystem, path, name, skipped, cancellationToken)
                    .ConfigureAwait(false);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }
        }

        var sorted = entries
            .Select((entry, index) => (entry, index))
            .OrderByDescending(pair => pair.entry.Key, LibraryNameComparer.Instance)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.entry)
            .ToList();
        return new LibraryScan(sorted, skipped);
    }

    private static IReadOnlyList<string> ListDirectory(ImageFileSystem fileSystem, string directory)
    {
        try
        {
            return fileSystem.Stat(directory) is { Type: FileNodeType.Directory }
                ? fileSystem.ReadDirectory(directory).Where(name => LibraryFileName.TryParse(name, out _)).ToList()
                : [];
        }
        catch (ApkException)
        {
            // A symbolic link loop on the directory path: ldconfig cannot open it either.
            return [];
        }
    }

    private static async Task<LdsoCacheEntry?> ReadEntryAsync(
        ImageFileSystem fileSystem,
        string path,
        string name,
        List<SkippedLibrary> skipped,
        CancellationToken cancellationToken)
    {
        var problem = CheckFileType(fileSystem, path);
        if (problem is not null)
        {
            skipped.Add(new SkippedLibrary(path, problem));
            return null;
        }

        var result = await ReadElfAsync(fileSystem, path, cancellationToken).ConfigureAwait(false);
        if (result.Library is not { } library)
        {
            skipped.Add(new SkippedLibrary(path, result.SkipReason!));
            return null;
        }

        var flags = LdsoCacheFile.ElfLibc6 | library.Machine switch
        {
            X8664Machine => LdsoCacheFile.X8664Lib64,
            AArch64Machine => LdsoCacheFile.AArch64Lib64,
            _ => throw LdsoCacheErrors.UnsupportedMachine(path, library.Machine),
        };

        // ldconfig caches a library without DT_SONAME under its own name when that name ends in ".so".
        var sonames = library.Sonames;
        if (sonames.Count == 0 && name.EndsWith(".so", StringComparison.Ordinal))
        {
            sonames = [name];
        }

        foreach (var soname in sonames)
        {
            if (LibraryFileName.TryParse(soname, out var baseName) && (name == soname || name == baseName + ".so"))
            {
                return new LdsoCacheEntry(flags, name, path);
            }
        }

        return null;
    }

    /// <summary>Returns why <paramref name="path"/> is neither a regular file nor a link to one, or null.</summary>
    private static string? CheckFileType(ImageFileSystem fileSystem, string path)
    {
        try
        {
            return fileSystem.Stat(path)?.Type switch
            {
                FileNodeType.RegularFile or FileNodeType.HardLink => null,
                null => "a dangling symbolic link",
                var type => $"a {type}, not a regular file",
            };
        }
        catch (ApkException e)
        {
            return e.Message;
        }
    }

    private static async Task<ElfReadResult> ReadElfAsync(
        ImageFileSystem fileSystem,
        string path,
        CancellationToken cancellationToken)
    {
        try
        {
            var stream = fileSystem.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await ElfReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException e)
        {
            throw LdsoCacheErrors.ReadFailed(path, e);
        }
    }
}
