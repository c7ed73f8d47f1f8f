using System.Security.Cryptography;
using Apko.Oci.Layers;
using Apko.Oci.Model;

namespace Apko.Oci.Layout;

/// <summary>
/// Writes a multi-platform image as an OCI image layout into an existing directory: <c>oci-layout</c>,
/// <c>blobs/sha256/*</c>, and an <c>index.json</c> with one descriptor of the image index, annotated with
/// <c>org.opencontainers.image.ref.name</c> (the tag) and <c>io.containerd.image.name</c> (the full reference).
/// </summary>
public static class OciLayoutWriter
{
    private const int CopyBufferSize = 1 << 16;

    /// <summary>
    /// Writes the layout. Each file is written under a temporary name and renamed when complete, and
    /// <c>index.json</c> comes last; on failure the blobs written by this call are removed again. Blobs already present
    /// with the right size are kept, and existing <c>oci-layout</c> and <c>index.json</c> files are replaced.
    /// </summary>
    /// <param name="image">The image index and its images.</param>
    /// <param name="directory">An existing directory.</param>
    /// <param name="reference">The image reference <c>NAME[:TAG]</c>; the tag defaults to <c>latest</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="OciException">The reference is invalid, the directory is missing, a layer file changed
    /// since it was written, or writing failed.</exception>
    public static async Task WriteAsync(
        BuiltIndex image,
        string directory,
        string reference,
        CancellationToken cancellationToken)
    {
        var content = new LayoutContent(image, ImageName.Parse(reference));
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw LayoutErrors.DirectoryMissing(root);
        }

        var created = new List<string>();
        var current = root;
        try
        {
            foreach (var (digest, bytes, layer) in content.GetBlobs())
            {
                cancellationToken.ThrowIfCancellationRequested();
                current = Path.Combine(root, LayoutContent.BlobPath(digest));
                if (await WriteBlobAsync(current, bytes, layer, cancellationToken).ConfigureAwait(false))
                {
                    created.Add(current);
                }
            }

            current = Path.Combine(root, "oci-layout");
            await WriteFileAsync(current, LayoutContent.OciLayout, cancellationToken).ConfigureAwait(false);
            current = Path.Combine(root, "index.json");
            await WriteFileAsync(current, content.IndexJson, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            DeleteFiles(created);
            throw LayoutErrors.WriteFailed(current, exception);
        }
        catch
        {
            DeleteFiles(created);
            throw;
        }
    }

    /// <summary>Writes one blob unless a file of the same size is already there; returns whether it wrote.</summary>
    private static async Task<bool> WriteBlobAsync(
        string path,
        byte[]? bytes,
        LayerBlob? layer,
        CancellationToken cancellationToken)
    {
        var size = bytes?.LongLength ?? layer!.Descriptor.Size;
        var existing = new FileInfo(path);
        if (existing.Exists && existing.Length == size)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (bytes is not null)
        {
            await WriteFileAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CopyLayerAsync(layer!, path, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static async Task WriteFileAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath(path);
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Copies a layer file, checking on the way that its digest is still the one it was written with.
    /// </summary>
    private static async Task CopyLayerAsync(LayerBlob layer, string path, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath(path);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var source = new FileStream(layer.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, true);
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, true);
                await using (target.ConfigureAwait(false))
                {
                    var buffer = new byte[CopyBufferSize];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (Digest.FromSha256Hash(hash.GetHashAndReset()) != layer.Descriptor.Digest)
            {
                throw LayoutErrors.LayerFileChanged(layer.Path, layer.Descriptor.Digest.ToString());
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    internal static string TemporaryPath(string path) => path + ".partial-" + Guid.NewGuid().ToString("N");

    internal static void DeleteFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // The write error that led here is the one to report.
            }
            catch (UnauthorizedAccessException)
            {
                // Same as above.
            }
        }
    }
}
