using System.Security.Cryptography;
using System.Text;

namespace Apko.Apk.Repositories;

/// <summary>
/// The cache directory of downloaded repository files, and its maintenance for <c>apko clean</c>.
/// </summary>
/// <remarks>
/// Layout: <c>urls/&lt;url key&gt;/</c> contains one entry per index or key URL, with a <c>metadata</c> file naming
/// the current content file <c>&lt;sha256&gt;/&lt;file name&gt;</c> and its ETag; <c>packages/&lt;control
/// SHA-1&gt;/&lt;name&gt;-&lt;version&gt;.apk</c> contains packages by the checksum their index lists, so repositories
/// serving the same package share one copy. Files are written to a temporary name and renamed into place, and a
/// content file is never rewritten with other bytes, so a path returned once stays valid to re-read.
/// <c>CACHEDIR.TAG</c> marks the root so backup tools skip it and <see cref="DeleteAsync"/> can tell it is a cache.
/// NOTE: superseded index versions are kept until the cache is deleted, because a caller may still re-read them.
/// </remarks>
public sealed class RepositoryCache
{
    private const string TagFileName = "CACHEDIR.TAG";
    private const string TagSignature = "Signature: 8a477f597d28d172789f06886806bc55";
    private const int MaxReadableKeyLength = 80;

    /// <summary>Creates a view of the cache at an absolute directory, which need not exist yet.</summary>
    /// <exception cref="ArgumentException">The directory is not an absolute path.</exception>
    public RepositoryCache(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Path.IsPathFullyQualified(directory))
        {
            throw new ArgumentException(
                $"The cache directory '{directory}' must be an absolute path.", nameof(directory));
        }

        Directory = Path.TrimEndingDirectorySeparator(directory);
    }

    /// <summary>The absolute cache directory.</summary>
    public string Directory { get; }

    /// <summary>Returns the total size in bytes of the files in the cache, 0 when it does not exist.</summary>
    public Task<long> GetSizeAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return 0L;
            }

            long total = 0;
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
            foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*", options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += file.Length;
            }

            return total;
        },
        cancellationToken);

    /// <summary>
    /// Deletes the cache directory and everything in it. Does nothing when it does not exist.
    /// </summary>
    /// <exception cref="ApkException">
    /// The directory is not empty and has no <c>CACHEDIR.TAG</c>, so it was not created as a cache; nothing is deleted.
    /// </exception>
    public Task DeleteAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return;
            }

            var isCache = File.Exists(Path.Combine(Directory, TagFileName))
                || !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any();
            if (!isCache)
            {
                throw RepositoryErrors.NotACacheDirectory(Directory);
            }

            cancellationToken.ThrowIfCancellationRequested();
            System.IO.Directory.Delete(Directory, recursive: true);
        },
        cancellationToken);

    /// <summary>
    /// Deletes one file that a fetcher returned, such as a package whose checksum did not verify, so that the next
    /// fetch downloads it again. Returns false and deletes nothing when the path is outside the cache (a file of a
    /// local repository) or already gone.
    /// </summary>
    public Task<bool> EvictAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        cancellationToken.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Task.FromResult(false);
        }

        File.Delete(full);
        return Task.FromResult(true);
    }

    /// <summary>Creates the cache root and its <c>CACHEDIR.TAG</c> when missing.</summary>
    /// <exception cref="ApkException">The directory cannot be created or written.</exception>
    internal async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var tag = Path.Combine(Directory, TagFileName);
        if (File.Exists(tag))
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = Path.Combine(Directory, $".tmp-{Guid.NewGuid():N}");
            var text = $"{TagSignature}\n# This directory is a cache of APK repository files; it can be deleted.\n";
            await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, tag, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RepositoryErrors.CacheWriteFailed(Directory, e);
        }
    }

    /// <summary>Returns the entry directory of a URL whose content may change (an index or a key).</summary>
    internal string GetUrlEntryDirectory(Uri uri) => Path.Combine(Directory, "urls", GetUrlKey(uri));

    /// <summary>Returns the directory of a package with the given lowercase hex control SHA-1.</summary>
    internal string GetPackageDirectory(string controlSha1Hex) => Path.Combine(Directory, "packages", controlSha1Hex);

    /// <summary>
    /// Returns a directory name for a URL without user information: its host and path made file-name safe and
    /// shortened, then a hash of the whole URL so that distinct URLs never share a name.
    /// </summary>
    internal static string GetUrlKey(Uri uri)
    {
        var readable = new StringBuilder();
        foreach (var c in uri.Authority + uri.AbsolutePath)
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        var text = readable.ToString().Trim('_');
        if (text.Length > MaxReadableKeyLength)
        {
            text = text[^MaxReadableKeyLength..];
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(uri.AbsoluteUri));
        return $"{text}-{Convert.ToHexStringLower(hash)[..16]}";
    }
}
