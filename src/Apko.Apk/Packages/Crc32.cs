using System.Buffers.Binary;

namespace Apko.Apk.Packages;

/// <summary>
/// CRC-32 as gzip trailers carry it (ISO-HDLC polynomial 0xEDB88320, reflected), computed eight bytes at a time
/// with the slicing-by-8 tables.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] s_tables = CreateTables();

    /// <summary>Returns the CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC-32: returns the CRC of the bytes that produced <paramref name="crc"/> followed by
    /// <paramref name="data"/>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var tables = s_tables.AsSpan();
        crc = ~crc;
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = tables[(7 * 256) + (int)(low & 0xFF)]
                ^ tables[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ tables[(5 * 256) + (int)((low >> 16) & 0xFF)]
                ^ tables[(4 * 256) + (int)(low >> 24)]
                ^ tables[(3 * 256) + (int)(high & 0xFF)]
                ^ tables[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ tables[256 + (int)((high >> 16) & 0xFF)]
                ^ tables[(int)(high >> 24)];
            data = data[8..];
        }

        foreach (var value in data)
        {
            crc = tables[(int)((crc ^ value) & 0xFF)] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateTables()
    {
        var tables = new uint[8 * 256];
        for (var index = 0u; index < 256; index++)
        {
            var crc = index;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }

            tables[index] = crc;
        }

        for (var index = 0; index < 256; index++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = tables[((slice - 1) * 256) + index];
                tables[(slice * 256) + index] = (previous >> 8) ^ tables[(int)(previous & 0xFF)];
            }
        }

        return tables;
    }
}
