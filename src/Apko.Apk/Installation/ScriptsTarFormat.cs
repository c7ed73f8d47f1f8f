using System.Globalization;
using System.Text;

namespace Apko.Apk.Installation;

/// <summary>
/// Writes tar entries exactly as apk-tools' own <c>scripts.tar</c> writer does: old GNU magic <c>"ustar  \0"</c>,
/// owner <c>root</c>, mode, uid and gid as 7 octal digits and a NUL, size and mtime as 12 octal digits, and a GNU
/// long-name entry before names of 100 bytes or more.
/// </summary>
internal static class ScriptsTarFormat
{
    private const int BlockSize = 512;

    public static void WriteEntry(Stream output, string name, byte[] content, long modificationTime)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        if (nameBytes.Length >= 100)
        {
            var longName = new byte[nameBytes.Length + 1];
            nameBytes.CopyTo(longName, 0);
            WriteHeader(output, "././@LongLink"u8, 'L', longName.Length, modificationTime);
            WriteData(output, longName);
        }

        WriteHeader(output, nameBytes.AsSpan(0, Math.Min(nameBytes.Length, 99)), '0', content.Length, modificationTime);
        WriteData(output, content);
    }

    public static void WriteEnd(Stream output) => output.Write(new byte[2 * BlockSize]);

    private static void WriteHeader(Stream output, ReadOnlySpan<byte> name, char type, long size, long mtime)
    {
        var header = new byte[BlockSize];
        name.CopyTo(header);
        PutOctal(header.AsSpan(100, 8), 0x1ED, terminated: true);
        PutOctal(header.AsSpan(108, 8), 0, terminated: true);
        PutOctal(header.AsSpan(116, 8), 0, terminated: true);
        PutOctal(header.AsSpan(124, 12), size, terminated: false);
        PutOctal(header.AsSpan(136, 12), mtime, terminated: false);
        header[156] = (byte)type;
        "ustar  \0"u8.CopyTo(header.AsSpan(257));
        "root"u8.CopyTo(header.AsSpan(265));
        "root"u8.CopyTo(header.AsSpan(297));
        header.AsSpan(148, 8).Fill((byte)' ');
        var checksum = 0;
        foreach (var value in header)
        {
            checksum += value;
        }

        PutOctal(header.AsSpan(148, 7), checksum, terminated: true);
        output.Write(header);
    }

    private static void WriteData(Stream output, byte[] data)
    {
        output.Write(data);
        var padding = (BlockSize - (data.Length % BlockSize)) % BlockSize;
        output.Write(new byte[padding]);
    }

    private static void PutOctal(Span<byte> field, long value, bool terminated)
    {
        var digits = field.Length - (terminated ? 1 : 0);
        var text = Convert.ToString(value, 8).PadLeft(digits, '0');
        Encoding.ASCII.GetBytes(text.AsSpan(text.Length - digits), field);
        if (terminated)
        {
            field[^1] = 0;
        }
    }
}
