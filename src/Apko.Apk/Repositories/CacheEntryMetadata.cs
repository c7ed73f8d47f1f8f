using System.Text;

namespace Apko.Apk.Repositories;

/// <summary>
/// The <c>metadata</c> file of a URL entry in the cache: which content file is current and the validators
/// (<c>ETag</c>, <c>Last-Modified</c>) to revalidate it with.
/// </summary>
/// <param name="FilePath">The content file, relative to the entry directory.</param>
/// <param name="ETag">The ETag the server sent with it, or null.</param>
/// <param name="LastModified">The Last-Modified value the server sent with it, or null.</param>
internal sealed record CacheEntryMetadata(string FilePath, string? ETag, string? LastModified)
{
    public const string FileName = "metadata";

    /// <summary>
    /// Reads the entry's metadata. Returns null when it or its content file is missing or unreadable.
    /// </summary>
    public static async Task<CacheEntryMetadata?> TryReadAsync(
        string entryDirectory, CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(Path.Combine(entryDirectory, FileName), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var values = lines
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        if (!values.TryGetValue("file", out var file) || !IsSafeRelativePath(file))
        {
            return null;
        }

        if (!File.Exists(Path.Combine(entryDirectory, file)))
        {
            return null;
        }

        return new CacheEntryMetadata(
            file, values.GetValueOrDefault("etag"), values.GetValueOrDefault("last-modified"));
    }

    /// <summary>Replaces the entry's metadata atomically: a temporary file renamed over the old one.</summary>
    public async Task WriteAsync(string entryDirectory, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append("file: ").Append(FilePath).Append('\n');
        if (ETag is not null)
        {
            text.Append("etag: ").Append(ETag).Append('\n');
        }

        if (LastModified is not null)
        {
            text.Append("last-modified: ").Append(LastModified).Append('\n');
        }

        var temporary = Path.Combine(entryDirectory, $".tmp-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(temporary, text.ToString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, Path.Combine(entryDirectory, FileName), overwrite: true);
    }

    private static bool IsSafeRelativePath(string path) =>
        !Path.IsPathRooted(path) && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");
}
