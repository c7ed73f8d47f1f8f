using Apko.Oci.Layers;

namespace Apko.Oci.Layout;

/// <summary>
/// Writes a multi-platform image as one uncompressed tar that is both an OCI image layout (as
/// <see cref="OciLayoutWriter"/> writes it) and a <c>docker save</c> archive with <c>manifest.json</c>, so
/// <c>docker load</c>, <c>podman load</c> and OCI tools all accept it. The tar is deterministic: entries in a fixed
/// order, owned by 0:0, mtime 0, modes 0755 and 0644.
/// </summary>
public static class OciTarballWriter
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;
    private const UnixFileMode FileMode = (UnixFileMode)0x1A4;

    /// <summary>
    /// Writes the tarball to <paramref name="path"/> through a temporary file beside it that is renamed when
    /// complete, so a failure leaves no file behind. An existing file is replaced.
    /// </summary>
    /// <param name="image">The image index and its images.</param>
    /// <param name="path">The tar file to write.</param>
    /// <param name="reference">The image reference <c>NAME[:TAG]</c>; the tag defaults to <c>latest</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="OciException">The reference is invalid, a layer file changed size, or writing failed.
    /// </exception>
    public static async Task WriteAsync(
        Model.BuiltIndex image,
        string path,
        string reference,
        CancellationToken cancellationToken)
    {
        var content = new LayoutContent(image, ImageName.Parse(reference));
        var fullPath = Path.GetFullPath(path);
        var temporary = OciLayoutWriter.TemporaryPath(fullPath);
        try
        {
            var file = new FileStream(
                temporary,
                System.IO.FileMode.CreateNew,
                FileAccess.Write,
                FileShare.None,
                bufferSize: 1 << 16,
                useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var tar = new LayerTarWriter(file);
                foreach (var entry in CreateEntries(content))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }

                await tar.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            OciLayoutWriter.DeleteFiles([temporary]);
            throw LayoutErrors.WriteFailed(fullPath, exception);
        }
        catch
        {
            OciLayoutWriter.DeleteFiles([temporary]);
            throw;
        }
    }

    /// <summary>Lists the entries in the order <c>docker save</c> uses: blobs, then index.json, manifest.json and
    /// oci-layout.</summary>
    private static IEnumerable<LayerEntry> CreateEntries(LayoutContent content)
    {
        yield return LayerEntry.Directory("blobs", DirectoryMode);
        yield return LayerEntry.Directory("blobs/sha256", DirectoryMode);
        foreach (var (digest, bytes, layer) in content.GetBlobs())
        {
            var blobPath = LayoutContent.BlobPath(digest);
            if (bytes is not null)
            {
                yield return LayerEntry.RegularFile(blobPath, FileMode, bytes);
                continue;
            }

            yield return new LayerEntry
            {
                Path = blobPath,
                Type = LayerEntryType.RegularFile,
                Mode = FileMode,
                Size = layer!.Descriptor.Size,
                OpenContent = () => File.OpenRead(layer.Path),
            };
        }

        yield return LayerEntry.RegularFile("index.json", FileMode, content.IndexJson);
        yield return LayerEntry.RegularFile("manifest.json", FileMode, DockerManifest.Serialize(content));
        yield return LayerEntry.RegularFile("oci-layout", FileMode, LayoutContent.OciLayout);
    }
}
