using Apko.Oci.Model;

namespace Apko.Oci.Layers;

/// <summary>
/// Writes a gzip- or zstd-compressed tar layer to a file from ordered entries, streaming: neither the tar nor the
/// compressed bytes are held in memory. Equal entries give equal bytes, whatever the degree of parallelism.
/// </summary>
public static class LayerWriter
{
    /// <summary>
    /// Writes the entries, in the order given, as a layer to <paramref name="path"/> and returns its descriptor and
    /// diff ID. The bytes go to a temporary file beside the target that is renamed when complete, so a failure
    /// leaves no file behind. An existing file at the path is replaced.
    /// </summary>
    /// <exception cref="OciException">An entry is invalid, its content cannot be read, or the file cannot be
    /// written.</exception>
    public static async Task<LayerBlob> WriteAsync(
        IEnumerable<LayerEntry> entries,
        string path,
        LayerWriterOptions options,
        CancellationToken cancellationToken)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var temporaryPath = fullPath + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            var result = await WriteFileAsync(entries, temporaryPath, options, cancellationToken).ConfigureAwait(false);
            File.Move(temporaryPath, fullPath, overwrite: true);
            var descriptor = new Descriptor
            {
                MediaType = options.Compression == LayerCompression.Zstd
                    ? MediaType.LayerTarZstd
                    : MediaType.LayerTarGzip,
                Digest = result.OutputDigest,
                Size = result.OutputLength,
            };
            return new LayerBlob(descriptor, result.InputDigest, fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporaryPath);
            throw LayerErrors.WriteFailed(fullPath, exception);
        }
        catch
        {
            DeleteQuietly(temporaryPath);
            throw;
        }
    }

    private static async Task<CompressionResult> WriteFileAsync(
        IEnumerable<LayerEntry> entries,
        string path,
        LayerWriterOptions options,
        CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            if (options.Compression == LayerCompression.Zstd)
            {
                var zstd = new ZstdLayerStream(file);
                await using (zstd.ConfigureAwait(false))
                {
                    await WriteTarAsync(entries, zstd, cancellationToken).ConfigureAwait(false);
                    return await zstd.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            var gzip = new ParallelGzipStream(file, options.MaxDegreeOfParallelism);
            await using (gzip.ConfigureAwait(false))
            {
                await WriteTarAsync(entries, gzip, cancellationToken).ConfigureAwait(false);
                return await gzip.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteTarAsync(
        IEnumerable<LayerEntry> entries,
        Stream destination,
        CancellationToken cancellationToken)
    {
        var tar = new LayerTarWriter(destination);
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        await tar.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing more can be done; the original error is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
