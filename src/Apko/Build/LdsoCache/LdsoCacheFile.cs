using System.Buffers.Binary;
using System.Text;

namespace Apko.Build.LdsoCache;

/// <summary>
/// glibc's "new format" <c>ld.so.cache</c>, little endian: a 48-byte header (<c>glibc-ld.so.cache1.1</c>, entry
/// count, string table size, flags byte, extension offset, padding), 24-byte entries (flags, key offset, value
/// offset, OS version, hwcap), then the string table. String offsets count from the start of the file.
/// </summary>
/// <param name="Entries">The entries in file order.</param>
/// <param name="HeaderFlags">
/// The header's flags byte: 0 as apko writes it, 2 (little endian) in the fixture cache written by glibc 2.36.
/// </param>
/// <param name="ExtensionOffset">Offset of glibc's extension section; 0 when there is none.</param>
internal sealed record LdsoCacheFile(IReadOnlyList<LdsoCacheEntry> Entries, byte HeaderFlags, uint ExtensionOffset)
{
    /// <summary>Flags of an ELF library for glibc 6: <c>FLAG_ELF_LIBC6</c>.</summary>
    public const uint ElfLibc6 = 0x0003;

    /// <summary>Flags bits of an x86-64 library: <c>FLAG_X8664_LIB64</c>.</summary>
    public const uint X8664Lib64 = 0x0300;

    /// <summary>Flags bits of an AArch64 library: <c>FLAG_AARCH64_LIB64</c>.</summary>
    public const uint AArch64Lib64 = 0x0a00;

    private const string Magic = "glibc-ld.so.cache1.1";
    private const int HeaderSize = 48;
    private const int EntrySize = 24;

    /// <summary>
    /// Serializes <paramref name="entries"/> in the given order as apko does: header flags and extension offset 0,
    /// each path once in the string table with the key pointing at its file name inside it, and zero padding to
    /// the next multiple of 16 bytes, a full 16 bytes when the string table already ends on one.
    /// </summary>
    public static byte[] Write(IReadOnlyList<LdsoCacheEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var strings = new MemoryStream();
        var tableStart = HeaderSize + (entries.Count * EntrySize);
        var records = new byte[entries.Count * EntrySize];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = Encoding.UTF8.GetBytes(entry.Path);
            var key = Encoding.UTF8.GetBytes(entry.Key);
            if (!path.AsSpan().EndsWith(key))
            {
                throw new ArgumentException(
                    $"Key '{entry.Key}' is not the end of path '{entry.Path}'.", nameof(entries));
            }

            var value = checked((uint)(tableStart + strings.Length));
            var record = records.AsSpan(i * EntrySize, EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(record, entry.Flags);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], checked(value + (uint)(path.Length - key.Length)));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], value);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], entry.OsVersion);
            BinaryPrimitives.WriteUInt64LittleEndian(record[16..], entry.Hwcap);
            strings.Write(path);
            strings.WriteByte(0);
        }

        var length = tableStart + (int)strings.Length;
        var output = new byte[(length & ~15) + 16];
        Encoding.ASCII.GetBytes(Magic, output);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(20), (uint)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(24), (uint)strings.Length);
        records.CopyTo(output, HeaderSize);
        strings.GetBuffer().AsSpan(0, (int)strings.Length).CopyTo(output.AsSpan(tableStart));
        return output;
    }

    /// <summary>Parses a new-format cache, such as one glibc's ldconfig wrote; extensions are not decoded.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed new-format cache.</exception>
    public static LdsoCacheFile Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || !bytes[..Magic.Length].SequenceEqual(Encoding.ASCII.GetBytes(Magic)))
        {
            throw new FormatException($"The data does not start with a '{Magic}' header.");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]);
        var tableSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]);
        if ((ulong)HeaderSize + ((ulong)count * EntrySize) + tableSize > (ulong)bytes.Length)
        {
            throw new FormatException(
                $"{count} entries and a {tableSize}-byte string table do not fit in {bytes.Length} bytes.");
        }

        var entries = new List<LdsoCacheEntry>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var record = bytes.Slice(HeaderSize + (i * EntrySize), EntrySize);
            entries.Add(new LdsoCacheEntry(
                BinaryPrimitives.ReadUInt32LittleEndian(record),
                ReadString(bytes, BinaryPrimitives.ReadUInt32LittleEndian(record[4..])),
                ReadString(bytes, BinaryPrimitives.ReadUInt32LittleEndian(record[8..])),
                BinaryPrimitives.ReadUInt32LittleEndian(record[12..]),
                BinaryPrimitives.ReadUInt64LittleEndian(record[16..])));
        }

        return new LdsoCacheFile(entries, bytes[28], BinaryPrimitives.ReadUInt32LittleEndian(bytes[32..]));
    }

    private static string ReadString(ReadOnlySpan<byte> bytes, uint offset)
    {
        var end = offset < bytes.Length ? bytes[(int)offset..].IndexOf((byte)0) : -1;
        if (end < 0)
        {
            throw new FormatException($"No NUL-terminated string at offset {offset}.");
        }

        return Encoding.UTF8.GetString(bytes.Slice((int)offset, end));
    }
}
