namespace Apko.Apk.Packages;

/// <summary>Writes a file through a temporary file in the same directory, so no partial file is left behind.</summary>
internal static class AtomicFile
{
    /// <exception cref="ApkException">The file cannot be written.</exception>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, (output, token) => output.WriteAsync(bytes, token).AsTask(), cancellationToken);

    /// <summary>Runs <paramref name="write"/> on a temporary file, then moves it to <paramref name="path"/>.</summary>
    /// <exception cref="ApkException">The file cannot be written, or <paramref name="write"/> threw it.</exception>
    public static async Task WriteAsync(
        string path,
        Func<Stream, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        var temporary = path + "." + Path.GetRandomFileName() + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw PackageErrors.Unwritable(path, exception);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
