using System.Formats.Tar;
using System.Globalization;
using System.Text;

namespace Apko.Apk.Packages;

/// <summary>
/// Writes POSIX ustar headers, with a PAX extended header before an entry that needs one (long names, the
/// <c>APK-TOOLS.checksum.SHA1</c> record, xattrs). Every field is set explicitly, so the bytes depend only on the
/// input; System.Formats.Tar's writer is not used because it puts the process id into PAX header names.
/// </summary>
internal static class TarBlockWriter
{
    private const int BlockSize = 512;
    private const string PaxHeaderName = "././@PaxHeader";

    /// <summary>Writes an entry: a PAX header when needed, the ustar header, and the padded content.</summary>
    public static void WriteEntry(Stream output, TarHeader header, ReadOnlySpan<byte> content)
    {
        var records = new List<KeyValuePair<string, string>>();
        if (Encoding.UTF8.GetByteCount(header.Name) > 100 || !Ascii.IsValid(header.Name))
        {
            records.Add(new("path", header.Name));
        }

        if (Encoding.UTF8.GetByteCount(header.LinkName) > 100 || !Ascii.IsValid(header.LinkName))
        {
            records.Add(new("linkpath", header.LinkName));
        }

        records.AddRange(header.PaxRecords);
        if (records.Count > 0)
        {
            var pax = FormatPaxRecords(records);
            var paxHeader = new TarHeader { Name = PaxHeaderName, Type = TarEntryType.ExtendedAttributes };
            WriteHeaderBlock(output, paxHeader, pax.Length);
            WriteContent(output, pax);
        }

        WriteHeaderBlock(output, header, content.Length);
        WriteContent(output, content);
    }

    /// <summary>Writes the end-of-archive marker: two zero blocks.</summary>
    public static void WriteEnd(Stream output) => output.Write(new byte[2 * BlockSize]);

    private static void WriteContent(Stream output, ReadOnlySpan<byte> content)
    {
        output.Write(content);
        var padding = (BlockSize - (content.Length % BlockSize)) % BlockSize;
        output.Write(new byte[padding]);
    }

    private static void WriteHeaderBlock(Stream output, TarHeader header, long size)
    {
        var block = new byte[BlockSize];
        WriteText(block, 0, 100, header.Name);
        WriteOctal(block, 100, 8, header.Mode);
        WriteOctal(block, 108, 8, header.Uid);
        WriteOctal(block, 116, 8, header.Gid);
        WriteOctal(block, 124, 12, size);
        WriteOctal(block, 136, 12, header.ModificationTime);
        block[156] = (byte)header.Type;
        WriteText(block, 157, 100, header.LinkName);
        "ustar\0"u8.CopyTo(block.AsSpan(257));
        "00"u8.CopyTo(block.AsSpan(263));
        WriteText(block, 265, 32, header.UserName);
        WriteText(block, 297, 32, header.GroupName);
        WriteOctal(block, 329, 8, header.DeviceMajor);
        WriteOctal(block, 337, 8, header.DeviceMinor);

        // The checksum is the byte sum of the header with its own field read as eight spaces (POSIX ustar).
        "        "u8.CopyTo(block.AsSpan(148));
        var checksum = 0;
        foreach (var value in block)
        {
            checksum += value;
        }

        WriteOctal(block, 148, 7, checksum);
        output.Write(block);
    }

    private static void WriteText(byte[] block, int offset, int length, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, length)).CopyTo(block.AsSpan(offset));
    }

    private static void WriteOctal(byte[] block, int offset, int length, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        if (digits.Length > length - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value does not fit a ustar header field.");
        }

        Encoding.ASCII.GetBytes(digits).CopyTo(block.AsSpan(offset));
    }

    private static byte[] FormatPaxRecords(IEnumerable<KeyValuePair<string, string>> records)
    {
        var output = new MemoryStream();
        foreach (var (key, value) in records)
        {
            // A record is "<length> <key>=<value>\n", where the length counts the whole record, its own digits
            // included.
            var body = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 3;
            var length = body + body.ToString(CultureInfo.InvariantCulture).Length;
            if (length.ToString(CultureInfo.InvariantCulture).Length + body != length)
            {
                length++;
            }

            output.Write(Encoding.UTF8.GetBytes($"{length} {key}={value}\n"));
        }

        return output.ToArray();
    }
}
