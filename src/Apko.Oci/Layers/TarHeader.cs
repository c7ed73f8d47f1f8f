using System.Text;

namespace Apko.Oci.Layers;

/// <summary>
/// Builds the header blocks of one tar entry: a USTAR header when every field fits, otherwise a PAX extended
/// header (type <c>x</c>) followed by the main header. Field formatting follows Go's <c>archive/tar</c>, the writer
/// apko uses: octal numbers zero-padded and NUL-terminated, device numbers in every header, and the PAX header
/// named <c>dir/PaxHeaders.0/base</c> with its records sorted by key.
/// </summary>
internal static class TarHeader
{
    internal const int BlockSize = 512;

    private const int NameSize = 100;
    private const int PrefixSize = 155;
    private const int OwnerNameSize = 32;
    private const long MaxOctal7 = 1L << 21;
    private const long MaxOctal11 = 1L << 33;

    /// <summary>Returns the header blocks for an entry that <see cref="LayerEntryValidator"/> accepted.</summary>
    public static byte[] Create(LayerEntry entry)
    {
        var fields = new HeaderFields(entry);
        var records = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var fitsUstar = CollectPaxRecords(fields, entry, records);
        if (fitsUstar)
        {
            return CreateUstarHeader(fields);
        }

        var paxData = FormatPaxRecords(records);
        var paxBlocks = (paxData.Length + BlockSize - 1) / BlockSize;
        var result = new byte[(2 + paxBlocks) * BlockSize];
        WritePaxExtendedHeader(result.AsSpan(0, BlockSize), entry.Path, paxData.Length);
        paxData.CopyTo(result.AsSpan(BlockSize));
        WriteMainPaxHeader(result.AsSpan((1 + paxBlocks) * BlockSize, BlockSize), fields);
        return result;
    }

    private static bool CollectPaxRecords(
        HeaderFields fields,
        LayerEntry entry,
        SortedDictionary<string, byte[]> records)
    {
        var fitsUstar = true;
        if (!IsAscii(fields.Name) || fields.Name.Length > NameSize)
        {
            records["path"] = fields.Name;
            fitsUstar = TrySplitUstarName(fields.Name, out _, out _);
        }

        fitsUstar &= AddIfUnfit(records, "linkpath", fields.LinkName, NameSize);
        fitsUstar &= AddIfUnfit(records, "uname", fields.UserName, OwnerNameSize);
        fitsUstar &= AddIfUnfit(records, "gname", fields.GroupName, OwnerNameSize);
        fitsUstar &= AddIfUnfit(records, "uid", entry.Uid, MaxOctal7);
        fitsUstar &= AddIfUnfit(records, "gid", entry.Gid, MaxOctal7);
        fitsUstar &= AddIfUnfit(records, "size", entry.Size, MaxOctal11);
        fitsUstar &= AddIfUnfit(records, "mtime", entry.ModificationTime, MaxOctal11);
        foreach (var (name, value) in entry.Xattrs ?? new Dictionary<string, byte[]>())
        {
            records["SCHILY.xattr." + name] = value;
            fitsUstar = false;
        }

        return fitsUstar;
    }

    private static bool AddIfUnfit(SortedDictionary<string, byte[]> records, string key, byte[] value, int size)
    {
        if (IsAscii(value) && value.Length <= size)
        {
            return true;
        }

        records[key] = value;
        return false;
    }

    private static bool AddIfUnfit(SortedDictionary<string, byte[]> records, string key, long value, long limit)
    {
        if (value >= 0 && value < limit)
        {
            return true;
        }

        records[key] = Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return false;
    }

    private static byte[] CreateUstarHeader(HeaderFields fields)
    {
        var block = new byte[BlockSize];
        var name = fields.Name;
        var prefix = Array.Empty<byte>();
        if (TrySplitUstarName(fields.Name, out var splitPrefix, out var splitName))
        {
            (prefix, name) = (splitPrefix, splitName);
        }

        WriteCommonFields(block, fields, name);
        WriteString(block.AsSpan(345, PrefixSize), prefix);
        FinishHeader(block);
        return block;
    }

    private static void WriteMainPaxHeader(Span<byte> block, HeaderFields fields)
    {
        WriteCommonFields(block, fields with
        {
            LinkName = ToAscii(fields.LinkName),
            UserName = ToAscii(fields.UserName),
            GroupName = ToAscii(fields.GroupName),
        }, ToAscii(fields.Name));
        FinishHeader(block);
    }

    private static void WritePaxExtendedHeader(Span<byte> block, string path, int dataLength)
    {
        var slash = path.LastIndexOf('/');
        var headerName = slash < 0
            ? "PaxHeaders.0/" + path
            : string.Concat(path.AsSpan(0, slash + 1), "PaxHeaders.0/", path.AsSpan(slash + 1));
        var name = ToAscii(Encoding.UTF8.GetBytes(headerName));
        var length = Math.Min(name.Length, NameSize);
        while (length > 0 && name[length - 1] == (byte)'/')
        {
            length--;
        }

        // The PAX extended header carries no owner names and no device numbers, as Go's writer leaves them empty.
        block[156] = (byte)'x';
        WriteString(block[..NameSize], name.AsSpan(0, length));
        WriteOctal(block.Slice(100, 8), 0);
        WriteOctal(block.Slice(108, 8), 0);
        WriteOctal(block.Slice(116, 8), 0);
        WriteOctal(block.Slice(124, 12), dataLength);
        WriteOctal(block.Slice(136, 12), 0);
        FinishHeader(block);
    }

    private static void WriteCommonFields(Span<byte> block, HeaderFields fields, ReadOnlySpan<byte> name)
    {
        block[156] = fields.TypeFlag;
        WriteString(block[..NameSize], name);
        WriteString(block.Slice(157, NameSize), fields.LinkName);
        WriteOctal(block.Slice(100, 8), fields.Mode);
        WriteOctal(block.Slice(108, 8), fields.Uid);
        WriteOctal(block.Slice(116, 8), fields.Gid);
        WriteOctal(block.Slice(124, 12), fields.Size);
        WriteOctal(block.Slice(136, 12), fields.ModificationTime);
        WriteString(block.Slice(265, OwnerNameSize), fields.UserName);
        WriteString(block.Slice(297, OwnerNameSize), fields.GroupName);
        WriteOctal(block.Slice(329, 8), fields.DevMajor);
        WriteOctal(block.Slice(337, 8), fields.DevMinor);
    }

    /// <summary>Writes the magic, the version and the checksum, which covers the header with the checksum field
    /// counted as eight spaces and is written as six octal digits, a NUL and a space.</summary>
    private static void FinishHeader(Span<byte> block)
    {
        "ustar\0"u8.CopyTo(block.Slice(257, 6));
        "00"u8.CopyTo(block.Slice(263, 2));
        block.Slice(148, 8).Fill((byte)' ');
        var checksum = 0;
        foreach (var b in block)
        {
            checksum += b;
        }

        WriteOctal(block.Slice(148, 7), checksum);
    }

    /// <summary>Splits a long ASCII name at a <c>/</c> into a prefix of at most 155 bytes and a name of at most
    /// 100 bytes, as the USTAR format allows.</summary>
    private static bool TrySplitUstarName(byte[] path, out byte[] prefix, out byte[] name)
    {
        prefix = name = [];
        var length = path.Length;
        if (length <= NameSize || !IsAscii(path))
        {
            return false;
        }

        length = Math.Min(length, NameSize + PrefixSize + 1);
        var slash = path.AsSpan(0, length).LastIndexOf((byte)'/');
        var nameLength = path.Length - slash - 1;
        if (slash <= 0 || nameLength > NameSize || nameLength == 0 || slash > PrefixSize)
        {
            return false;
        }

        prefix = path[..slash];
        name = path[(slash + 1)..];
        return true;
    }

    private static void WriteString(Span<byte> field, ReadOnlySpan<byte> value)
    {
        value[..Math.Min(value.Length, field.Length)].CopyTo(field);
        if (value.Length > field.Length && field[^1] == (byte)'/')
        {
            // A truncated name that ends in '/' would read as a directory in some readers, so the trailing
            // slashes end at a NUL (Go's writer does the same).
            field[field.TrimEnd((byte)'/').Length] = 0;
        }
    }

    /// <summary>Writes a number as zero-padded octal followed by a NUL, filling the field; a value that does not
    /// fit (it is then carried in a PAX record) is written as 0.</summary>
    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        if (value < 0 || value >= 1L << (3 * digits))
        {
            value = 0;
        }

        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }

        field[digits] = 0;
    }

    /// <summary>Builds the PAX records <c>"LEN key=value\n"</c>, where LEN counts the whole record in bytes.</summary>
    private static byte[] FormatPaxRecords(SortedDictionary<string, byte[]> records)
    {
        var output = new MemoryStream();
        foreach (var (key, value) in records)
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            var size = keyBytes.Length + value.Length + 3;
            size += size.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            var sizeText = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (sizeText.Length + keyBytes.Length + value.Length + 3 != size)
            {
                size++;
                sizeText = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            output.Write(Encoding.ASCII.GetBytes(sizeText + " "));
            output.Write(keyBytes);
            output.WriteByte((byte)'=');
            output.Write(value);
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static bool IsAscii(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is 0 or >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops non-ASCII bytes, as a best-effort name for fields whose real value is in a PAX record.</summary>
    private static byte[] ToAscii(byte[] value) =>
        IsAscii(value) ? value : value.Where(b => b is not 0 and < 0x80).ToArray();
}
