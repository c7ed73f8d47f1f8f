using System.Globalization;
using System.Text;
using Apko.Oci.Layers;

namespace Apko.Build;

/// <summary>
/// Writes a cpio archive in the "newc" format (magic <c>070701</c>) that the Linux kernel unpacks as an initramfs:
/// a 110-byte ASCII header of hex fields per entry, the NUL-terminated name and the data, each padded to 4 bytes,
/// and a <c>TRAILER!!!</c> entry at the end. Hard links are written as regular files with their content.
/// </summary>
internal sealed class CpioWriter(Stream output)
{
    private const int TypeFifo = 0x1000;
    private const int TypeCharacterDevice = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlockDevice = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeSymlink = 0xA000;

    private readonly Dictionary<string, LayerEntry> _regularFiles = new(StringComparer.Ordinal);
    private int _inode = 1;

    public async Task WriteEntryAsync(LayerEntry entry, CancellationToken cancellationToken)
    {
        var (type, data) = entry.Type switch
        {
            LayerEntryType.Directory => (TypeDirectory, null),
            LayerEntryType.SymbolicLink => (TypeSymlink, Encoding.UTF8.GetBytes(entry.LinkTarget)),
            LayerEntryType.CharacterDevice => (TypeCharacterDevice, null),
            LayerEntryType.BlockDevice => (TypeBlockDevice, null),
            LayerEntryType.Fifo => (TypeFifo, (byte[]?)null),
            _ => (TypeRegular, null),
        };
        var source = entry.Type == LayerEntryType.HardLink ? _regularFiles[entry.LinkTarget] : entry;
        if (entry.Type == LayerEntryType.RegularFile)
        {
            _regularFiles[entry.Path] = entry;
        }

        var size = type == TypeRegular ? source.Size : data?.Length ?? 0;
        await WriteHeaderAsync(entry, type, size, cancellationToken).ConfigureAwait(false);
        if (data is not null)
        {
            await output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        else if (type == TypeRegular && size > 0)
        {
            await using var content = source.OpenContent!();
            await content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        await PadAsync(size, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var trailer = new LayerEntry { Path = "TRAILER!!!", Type = LayerEntryType.RegularFile, Mode = 0 };
        await WriteHeaderAsync(trailer, 0, 0, cancellationToken, inode: 0).ConfigureAwait(false);
    }

    private async Task WriteHeaderAsync(
        LayerEntry entry,
        int type,
        long size,
        CancellationToken cancellationToken,
        int? inode = null)
    {
        var name = Encoding.UTF8.GetBytes(entry.Path);
        var fields = new long[]
        {
            inode ?? _inode++, type | ((int)entry.Mode & 0xFFF), entry.Uid, entry.Gid, entry.Type == LayerEntryType.Directory ? 2 : 1,
            entry.ModificationTime, size, 0, 0, entry.DevMajor, entry.DevMinor, name.Length + 1, 0,
        };
        var header = new StringBuilder("070701");
        foreach (var field in fields)
        {
            header.Append(((uint)field).ToString("X8", CultureInfo.InvariantCulture));
        }

        await output.WriteAsync(Encoding.ASCII.GetBytes(header.ToString()), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(name, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(new byte[] { 0 }, cancellationToken).ConfigureAwait(false);
        await PadAsync(110 + name.Length + 1, cancellationToken).ConfigureAwait(false);
    }

    private async Task PadAsync(long length, CancellationToken cancellationToken)
    {
        var padding = (int)((4 - (length % 4)) % 4);
        if (padding > 0)
        {
            await output.WriteAsync(new byte[padding], cancellationToken).ConfigureAwait(false);
        }
    }
}
