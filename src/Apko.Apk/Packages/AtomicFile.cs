namespace Apko.Apk.Packages;

/// <summary>Writes a file through a temporary file in the same directory, so no partial file is left behind.</summary>
internal static class AtomicFile
{
    /// <exception cref="ApkException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Path.GetRandomFileName() + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
                                              or OperationCanceledException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw PackageErrors.Unwritable(path, exception);
        }
    }
}
