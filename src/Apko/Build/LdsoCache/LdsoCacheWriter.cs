using Apko.Apk;
using Apko.Apk.FileSystem;
using Microsoft.Extensions.Logging;

namespace Apko.Build.LdsoCache;

/// <summary>
/// Writes <c>/etc/ld.so.cache</c> into glibc images, emulating <c>ldconfig</c> without running it: an image is a
/// glibc image when it has <c>/etc/ld.so.conf</c>, and its library directories are <c>/lib</c> followed by those the
/// configuration lists.
/// </summary>
/// <remarks>
/// Files named like libraries that are not ELF shared objects (linker scripts, truncated or corrupt files) are
/// left out and logged at debug level, as ldconfig and apko leave them out. Unlike apko, a directory that both is
/// <c>/lib</c> and appears in the configuration is scanned once, so its libraries are not listed twice. A directory
/// reached under two names through a symbolic link (<c>/lib</c> and <c>/usr/lib</c>) is scanned under both, as apko
/// does, whereas glibc's ldconfig would scan it once.
/// </remarks>
internal static class LdsoCacheWriter
{
    private const string ConfigurationPath = "/etc/ld.so.conf";
    private const string CachePath = "/etc/ld.so.cache";
    private const UnixFileMode CacheMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Builds and writes <c>/etc/ld.so.cache</c> (mode 0644, owner 0:0, mtime 0) when the image has
    /// <c>/etc/ld.so.conf</c>, replacing any cache already there.
    /// </summary>
    /// <returns>The scan behind the written cache, or null when the image has no <c>/etc/ld.so.conf</c>.</returns>
    /// <exception cref="ApkoException">
    /// A library is for an unsupported machine, a library cannot be read, or <c>/etc/ld.so.conf</c> is not a regular
    /// file. Nothing is written then.
    /// </exception>
    public static async Task<LibraryScan?> WriteIfGlibcAsync(
        ImageFileSystem fileSystem,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        if (!Exists(fileSystem, ConfigurationPath))
        {
            return null;
        }

        var configured = await LdsoConfParser.ParseAsync(fileSystem, ConfigurationPath, cancellationToken)
            .ConfigureAwait(false);
        var directories = configured.Prepend("/lib").Distinct(StringComparer.Ordinal).ToList();
        var scan = await LibraryScanner.ScanAsync(fileSystem, directories, cancellationToken).ConfigureAwait(false);
        foreach (var skipped in scan.Skipped)
        {
            logger?.LogDebug("Left {Path} out of /etc/ld.so.cache: {Reason}", skipped.Path, skipped.Reason);
        }

        fileSystem.WriteFile(CachePath, LdsoCacheFile.Write(scan.Entries), CacheMode);
        logger?.LogDebug(
            "Wrote /etc/ld.so.cache with {Count} libraries from {Directories}",
            scan.Entries.Count,
            string.Join(' ', directories));
        return scan;
    }

    private static bool Exists(ImageFileSystem fileSystem, string path)
    {
        try
        {
            return fileSystem.Stat(path) is not null;
        }
        catch (ApkException)
        {
            return fileSystem.Lstat(path) is not null;
        }
    }
}
