using System.Buffers.Binary;
using System.IO.Compression;

namespace Apko.Apk.Packages;

/// <summary>
/// Compresses bytes into one gzip member with a fixed header (no file name, modification time 0, OS 3 = Unix), so
/// the output depends only on the input and the runtime's deflate implementation.
/// </summary>
internal static class GzipMemberWriter
{
    private static readonly byte[] s_header = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3];

    public static byte[] Compress(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream();
        output.Write(s_header);
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, System.IO.Hashing.Crc32.HashToUInt32(content));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)content.Length));
        output.Write(trailer);
        return output.ToArray();
    }
}
