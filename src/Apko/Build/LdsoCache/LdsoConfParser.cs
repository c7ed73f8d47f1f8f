using System.Text;
using Apko.Apk;
using Apko.Apk.FileSystem;

namespace Apko.Build.LdsoCache;

/// <summary>
/// Reads the library directories of an image's <c>ld.so.conf</c>: one directory per line, <c>#</c> comments,
/// <c>include PATTERN...</c> lines whose glob matches are read in sorted order, and ignored <c>hwcap</c> lines.
/// </summary>
/// <remarks>
/// Where apko's emulation has defects, this follows glibc's ldconfig: lines after an <c>include</c> are still read
/// (apko stops at the first <c>include</c>), a relative include pattern is relative to the including file's
/// directory (apko resolves it from the root), and a directory listed twice is kept once.
/// </remarks>
internal static class LdsoConfParser
{
    /// <summary>
    /// Returns the clean absolute directories listed in <paramref name="path"/> and the files it includes, first
    /// occurrence first. Included files that are missing or not regular files are skipped, as ldconfig does; an
    /// include cycle stops at the file already being read.
    /// </summary>
    /// <exception cref="ApkoException"><paramref name="path"/> itself is missing or is not a regular file.</exception>
    public static async Task<IReadOnlyList<string>> ParseAsync(
        ImageFileSystem fileSystem,
        string path,
        CancellationToken cancellationToken)
    {
        var conf = ImagePath.Clean(path);
        if (!IsRegularFile(fileSystem, conf))
        {
            throw LdsoCacheErrors.ConfigurationNotAFile(conf);
        }

        var directories = new List<string>();
        await ParseFileAsync(fileSystem, conf, directories, [], cancellationToken).ConfigureAwait(false);
        return directories;
    }

    private static async Task ParseFileAsync(
        ImageFileSystem fileSystem,
        string conf,
        List<string> directories,
        HashSet<string> reading,
        CancellationToken cancellationToken)
    {
        reading.Add(conf);
        var bytes = await fileSystem.ReadFileAsync(conf, cancellationToken).ConfigureAwait(false);
        foreach (var rawLine in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            var line = rawLine.Split('#', 2)[0].Trim();
            if (TryGetArguments(line, "include", out var patterns))
            {
                foreach (var pattern in patterns)
                {
                    var absolute = pattern.StartsWith('/') ? pattern : ImagePath.DirectoryOf(conf) + "/" + pattern;
                    foreach (var match in ImageGlob.Expand(fileSystem, absolute))
                    {
                        if (!reading.Contains(match) && IsRegularFile(fileSystem, match))
                        {
                            await ParseFileAsync(fileSystem, match, directories, reading, cancellationToken)
                                .ConfigureAwait(false);
                        }
                    }
                }
            }
            else if (line.Length > 0 && !TryGetArguments(line, "hwcap", out _))
            {
                var directory = ImagePath.Clean(line);
                if (!directories.Contains(directory, StringComparer.Ordinal))
                {
                    directories.Add(directory);
                }
            }
        }

        reading.Remove(conf);
    }

    /// <summary>Splits a <c>KEYWORD ARG...</c> line; the keyword must be followed by a space or tab.</summary>
    private static bool TryGetArguments(string line, string keyword, out string[] arguments)
    {
        arguments = [];
        if (line.Length <= keyword.Length || !line.StartsWith(keyword, StringComparison.Ordinal)
            || line[keyword.Length] is not (' ' or '\t'))
        {
            return false;
        }

        arguments = line[keyword.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return true;
    }

    private static bool IsRegularFile(ImageFileSystem fileSystem, string path)
    {
        try
        {
            return fileSystem.Stat(path) is { Type: FileNodeType.RegularFile or FileNodeType.HardLink };
        }
        catch (ApkException)
        {
            // A symbolic link loop: ldconfig cannot open such a file either.
            return false;
        }
    }
}
