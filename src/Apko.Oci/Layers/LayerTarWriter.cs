using System.Buffers;

namespace Apko.Oci.Layers;

/// <summary>
/// Writes layer entries as a tar stream in the given order, with headers from <see cref="TarHeader"/>, content
/// padded to 512 bytes, and the end-of-archive marker of two zero blocks (no padding to a 10 KiB record).
/// </summary>
public sealed class LayerTarWriter
{
    private const int CopyBufferSize = 128 * 1024;
    private static readonly byte[] s_zeros = new byte[2 * TarHeader.BlockSize];

    private readonly Stream _output;

    /// <summary>Creates a writer that writes the tar to <paramref name="output"/>, which it does not close.</summary>
    public LayerTarWriter(Stream output)
    {
        _output = output;
    }

    /// <summary>Writes one entry, its header and, for a regular file, its content.</summary>
    /// <exception cref="OciException">The entry is invalid or its content has another length than Size.</exception>
    public async Task WriteEntryAsync(LayerEntry entry, CancellationToken cancellationToken)
    {
        LayerEntryValidator.Validate(entry);
        await _output.WriteAsync(TarHeader.Create(entry), cancellationToken).ConfigureAwait(false);
        if (entry.Type != LayerEntryType.RegularFile || entry.Size == 0)
        {
            return;
        }

        await CopyContentAsync(entry, cancellationToken).ConfigureAwait(false);
        var padding = (int)(-entry.Size & (TarHeader.BlockSize - 1));
        await _output.WriteAsync(s_zeros.AsMemory(0, padding), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the end-of-archive marker.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _output.WriteAsync(s_zeros, cancellationToken).ConfigureAwait(false);
    }

    private async Task CopyContentAsync(LayerEntry entry, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            await using var content = OpenContent(entry);
            var remaining = entry.Size;
            while (remaining > 0)
            {
                var request = (int)Math.Min(buffer.Length, remaining);
                var read = await ReadContentAsync(entry, content, buffer.AsMemory(0, request), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    var actual = (entry.Size - remaining).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    throw LayerErrors.ContentLengthMismatch(entry.Path, entry.Size, actual);
                }

                await _output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }

            var extra = await ReadContentAsync(entry, content, buffer.AsMemory(0, 1), cancellationToken)
                .ConfigureAwait(false);
            if (extra > 0)
            {
                throw LayerErrors.ContentLengthMismatch(entry.Path, entry.Size, "more than that");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Stream OpenContent(LayerEntry entry)
    {
        try
        {
            return entry.OpenContent!();
        }
        catch (IOException exception)
        {
            throw LayerErrors.ContentReadFailed(entry.Path, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw LayerErrors.ContentReadFailed(entry.Path, exception);
        }
    }

    private static async Task<int> ReadContentAsync(
        LayerEntry entry,
        Stream content,
        Memory<byte> buffer,
        CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw LayerErrors.ContentReadFailed(entry.Path, exception);
        }
    }
}
