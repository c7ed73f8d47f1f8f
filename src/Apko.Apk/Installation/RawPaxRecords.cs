using System.Text;

namespace Apko.Apk.Installation;

/// <summary>
/// Reads the extended attributes of one tar entry byte for byte from its PAX header. <c>System.Formats.Tar</c>
/// decodes PAX values as UTF-8, which alters binary values such as <c>security.capability</c>.
/// </summary>
internal static class RawPaxRecords
{
    private const int BlockSize = 512;
    private const string XattrPrefix = "SCHILY.xattr.";

    /// <summary>
    /// Returns the <c>SCHILY.xattr.*</c> records of the entry whose headers span
    /// [<paramref name="headerStart"/>, <paramref name="dataOffset"/>) of the tar at <paramref name="tarPath"/>.
    /// </summary>
    public static Dictionary<string, byte[]> ReadXattrs(string tarPath, long headerStart, long dataOffset)
    {
        var xattrs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var handle = File.OpenHandle(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        var position = headerStart;
        var header = new byte[BlockSize];
        while (position + BlockSize <= dataOffset)
        {
            RandomAccess.Read(handle, header, position);
            var size = ParseOctal(header.AsSpan(124, 12));
            position += BlockSize;
            if (header[156] == (byte)'x')
            {
                var records = new byte[size];
                RandomAccess.Read(handle, records, position);
                ParseRecords(records, xattrs);
            }

            position += (size + BlockSize - 1) / BlockSize * BlockSize;
        }

        return xattrs;
    }

    private static void ParseRecords(ReadOnlySpan<byte> records, Dictionary<string, byte[]> xattrs)
    {
        // Each record is "<length> <key>=<value>\n", where <length> counts the whole record.
        while (records.Length > 0)
        {
            var space = records.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(Encoding.ASCII.GetString(records[..space]), out var length)
                || length <= space + 1 || length > records.Length)
            {
                return;
            }

            var record = records[(space + 1)..(length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals > 0)
            {
                var key = Encoding.UTF8.GetString(record[..equals]);
                if (key.StartsWith(XattrPrefix, StringComparison.Ordinal))
                {
                    xattrs[key[XattrPrefix.Length..]] = record[(equals + 1)..].ToArray();
                }
            }

            records = records[length..];
        }
    }

    private static long ParseOctal(ReadOnlySpan<byte> field)
    {
        var value = 0L;
        foreach (var digit in field.TrimStart((byte)' '))
        {
            if (digit is < (byte)'0' or > (byte)'7')
            {
                break;
            }

            value = (value * 8) + (digit - '0');
        }

        return value;
    }
}
