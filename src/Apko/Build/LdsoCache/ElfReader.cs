using System.Buffers.Binary;
using System.Text;

namespace Apko.Build.LdsoCache;

/// <summary>
/// Reads the machine and <c>DT_SONAME</c> entries of an ELF shared object: ELF32 or ELF64, little or big endian,
/// from the dynamic section found through the section headers, or through the <c>PT_DYNAMIC</c> program header
/// when the file has no <c>SHT_DYNAMIC</c> section (stripped with <c>sstrip</c>). Reads only headers, the dynamic
/// array and the needed strings, never the whole file. A malformed file yields a skip reason, not an exception; only a
/// failing stream throws.
/// </summary>
internal sealed partial class ElfReader
{
    private const ushort SharedObjectType = 3;
    private const uint SectionTypeDynamic = 6;
    private const uint SegmentTypeLoad = 1;
    private const uint SegmentTypeDynamic = 2;
    private const long TagNull = 0;
    private const long TagStringTable = 5;
    private const long TagStringTableSize = 10;
    private const long TagSoname = 14;

    /// <summary>Dynamic arrays hold a few dozen entries; anything larger than this is treated as corrupt.</summary>
    private const long MaxDynamicBytes = 1 << 20;

    /// <summary>Longest soname read, as <c>PATH_MAX</c> bounds a file name on Linux.</summary>
    private const int MaxSonameBytes = 4096;

    private readonly Stream _stream;
    private readonly long _length;
    private bool _is64;
    private bool _bigEndian;

    private ElfReader(Stream stream)
    {
        _stream = stream;
        _length = stream.Length;
    }

    /// <summary>Reads <paramref name="stream"/>, which must be seekable, as an ELF shared object.</summary>
    /// <exception cref="IOException">The stream itself cannot be read.</exception>
    public static async Task<ElfReadResult> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException(
                "ELF files are read at offsets, so the stream must be seekable.", nameof(stream));
        }

        try
        {
            return await new ElfReader(stream).ReadLibraryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MalformedElfException e)
        {
            return ElfReadResult.Skip(e.Message);
        }
    }

    private async Task<ElfReadResult> ReadLibraryAsync(CancellationToken cancellationToken)
    {
        var ident = await ReadAtAsync(0, Math.Min(_length, 64), cancellationToken).ConfigureAwait(false);
        if (ident.Length < 16 || ident[0] != 0x7F || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F')
        {
            return ElfReadResult.Skip("not an ELF file (no \\x7fELF magic)");
        }

        if (ident[4] is not (1 or 2) || ident[5] is not (1 or 2) || ident[6] != 1)
        {
            return ElfReadResult.Skip(
                $"unsupported ELF identification (class {ident[4]}, data encoding {ident[5]}, version {ident[6]})");
        }

        _is64 = ident[4] == 2;
        _bigEndian = ident[5] == 2;
        var header = ElfHeader.Parse(this, ident);
        if (header.Type != SharedObjectType)
        {
            return ElfReadResult.Skip($"not a shared object (ELF type {header.Type}, expected 3 for ET_DYN)");
        }

        var sonames = await ReadSonamesFromSectionsAsync(header, cancellationToken).ConfigureAwait(false)
            ?? await ReadSonamesFromSegmentsAsync(header, cancellationToken).ConfigureAwait(false)
            ?? [];
        return new ElfReadResult(new ElfLibraryInfo(header.Machine, sonames), null);
    }

    /// <summary>Returns the sonames found through <c>SHT_DYNAMIC</c>, or null when there is no such section.</summary>
    private async Task<List<string>?> ReadSonamesFromSectionsAsync(
        ElfHeader header,
        CancellationToken cancellationToken)
    {
        var sections = await ReadSectionHeadersAsync(header, cancellationToken).ConfigureAwait(false);
        var dynamic = sections.FirstOrDefault(s => s.Type == SectionTypeDynamic);
        if (dynamic is null)
        {
            return null;
        }

        if (dynamic.Link >= sections.Count)
        {
            throw new MalformedElfException(
                $"the dynamic section links to string table section {dynamic.Link}, "
                + $"but there are {sections.Count} sections");
        }

        var strings = sections[(int)dynamic.Link];
        var entries = await ReadDynamicAsync(dynamic.Offset, dynamic.Size, cancellationToken).ConfigureAwait(false);
        return await ReadSonamesAsync(entries, strings.Offset, strings.Size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the sonames found through <c>PT_DYNAMIC</c>, or null when there is no such segment.</summary>
    private async Task<List<string>?> ReadSonamesFromSegmentsAsync(
        ElfHeader header,
        CancellationToken cancellationToken)
    {
        var segments = await ReadProgramHeadersAsync(header, cancellationToken).ConfigureAwait(false);
        var dynamic = segments.FirstOrDefault(s => s.Type == SegmentTypeDynamic);
        if (dynamic is null)
        {
            return null;
        }

        var entries = await ReadDynamicAsync(dynamic.Offset, dynamic.FileSize, cancellationToken).ConfigureAwait(false);
        if (!entries.Any(e => e.Tag == TagSoname))
        {
            return [];
        }

        var address = entries.FirstOrDefault(e => e.Tag == TagStringTable)
            ?? throw new MalformedElfException("the dynamic array has DT_SONAME but no DT_STRTAB");
        var load = segments.FirstOrDefault(s => s.Type == SegmentTypeLoad
            && address.Value >= s.VirtualAddress && address.Value - s.VirtualAddress < s.FileSize)
            ?? throw new MalformedElfException($"DT_STRTAB address 0x{address.Value:x} is in no PT_LOAD segment");
        var offset = load.Offset + (address.Value - load.VirtualAddress);
        var size = entries.FirstOrDefault(e => e.Tag == TagStringTableSize)?.Value ?? (ulong)_length - offset;
        return await ReadSonamesAsync(entries, offset, size, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<string>> ReadSonamesAsync(
        List<DynamicEntry> entries,
        ulong tableOffset,
        ulong tableSize,
        CancellationToken cancellationToken)
    {
        var sonames = new List<string>();
        foreach (var entry in entries.Where(e => e.Tag == TagSoname))
        {
            if (entry.Value >= tableSize)
            {
                throw new MalformedElfException(
                    $"DT_SONAME string offset {entry.Value} is outside the {tableSize}-byte string table");
            }

            var count = (long)Math.Min(tableSize - entry.Value, MaxSonameBytes);
            var offset = Checked(tableOffset + entry.Value);
            var bytes = await ReadAtAsync(offset, count, cancellationToken).ConfigureAwait(false);
            var end = Array.IndexOf(bytes, (byte)0);
            if (end < 0)
            {
                throw new MalformedElfException($"the DT_SONAME string at offset {entry.Value} has no terminating NUL");
            }

            sonames.Add(Encoding.UTF8.GetString(bytes, 0, end));
        }

        return sonames;
    }

    private async Task<List<DynamicEntry>> ReadDynamicAsync(
        ulong offset,
        ulong size,
        CancellationToken cancellationToken)
    {
        if (size > MaxDynamicBytes)
        {
            throw new MalformedElfException(
                $"the dynamic array is {size} bytes, more than the {MaxDynamicBytes} allowed");
        }

        var entrySize = _is64 ? 16 : 8;
        var bytes = await ReadAtAsync(Checked(offset), (long)size, cancellationToken).ConfigureAwait(false);
        var entries = new List<DynamicEntry>();
        for (var at = 0; at + entrySize <= bytes.Length; at += entrySize)
        {
            var tag = _is64 ? (long)ReadUInt64(bytes, at) : (int)ReadUInt32(bytes, at);
            if (tag == TagNull)
            {
                break;
            }

            entries.Add(new DynamicEntry(tag, _is64 ? ReadUInt64(bytes, at + 8) : ReadUInt32(bytes, at + 4)));
        }

        return entries;
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes at <paramref name="offset"/>, which must lie in the file.
    /// </summary>
    private async Task<byte[]> ReadAtAsync(long offset, long count, CancellationToken cancellationToken)
    {
        if (offset < 0 || count < 0 || offset > _length || count > _length - offset)
        {
            throw new MalformedElfException(
                $"a header points at bytes {offset}..{offset + count} beyond the end of the {_length}-byte file");
        }

        var buffer = new byte[count];
        _stream.Seek(offset, SeekOrigin.Begin);
        await _stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    private static long Checked(ulong offset) =>
        offset <= long.MaxValue ? (long)offset : throw new MalformedElfException($"offset {offset} is out of range");

    private ushort ReadUInt16(byte[] bytes, int at) => _bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at))
        : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));

    private uint ReadUInt32(byte[] bytes, int at) => _bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at))
        : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    private ulong ReadUInt64(byte[] bytes, int at) => _bigEndian
        ? BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at))
        : BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));

    /// <summary>Reads an address-sized field: 8 bytes in ELF64, 4 bytes in ELF32.</summary>
    private ulong ReadWord(byte[] bytes, int at) => _is64 ? ReadUInt64(bytes, at) : ReadUInt32(bytes, at);

    private sealed record DynamicEntry(long Tag, ulong Value);

    private sealed class MalformedElfException(string message) : Exception(message);
}
