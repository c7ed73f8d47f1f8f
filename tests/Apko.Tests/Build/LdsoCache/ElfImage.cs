using System.Buffers.Binary;
using System.Text;

namespace Apko.Tests.Build.LdsoCache;

/// <summary>
/// Builds small but complete ELF shared objects for tests: an ELF header, a PT_LOAD and a PT_DYNAMIC program
/// header, .dynstr, .dynamic with DT_SONAME, DT_STRTAB and DT_STRSZ, and section headers with .shstrtab. readelf
/// accepts the result.
/// </summary>
internal sealed record ElfImage
{
    public const ushort X8664 = 62;
    public const ushort AArch64 = 183;

    private const ulong BaseAddress = 0x400000;

    public bool Is64 { get; init; } = true;

    public bool BigEndian { get; init; }

    public ushort Machine { get; init; } = X8664;

    public ushort Type { get; init; } = 3;

    public IReadOnlyList<string> Sonames { get; init; } = [];

    public bool WithSectionHeaders { get; init; } = true;

    public static byte[] Library(ushort machine, params string[] sonames) =>
        new ElfImage { Machine = machine, Sonames = sonames }.Build();

    public byte[] Build()
    {
        var headerSize = Is64 ? 64 : 52;
        var phSize = Is64 ? 56 : 32;
        var shSize = Is64 ? 64 : 40;
        var dynSize = Is64 ? 16 : 8;

        var dynstr = new List<byte> { 0 };
        var sonameOffsets = new List<int>();
        foreach (var soname in Sonames)
        {
            sonameOffsets.Add(dynstr.Count);
            dynstr.AddRange(Encoding.UTF8.GetBytes(soname));
            dynstr.Add(0);
        }

        var shstrtab = Encoding.ASCII.GetBytes("\0.dynstr\0.dynamic\0.shstrtab\0");
        var phOffset = headerSize;
        var dynstrOffset = phOffset + (2 * phSize);
        var dynamicOffset = Align(dynstrOffset + dynstr.Count, 8);
        var dynamicCount = Sonames.Count + 3;
        var shstrtabOffset = dynamicOffset + (dynamicCount * dynSize);
        var shOffset = Align(shstrtabOffset + shstrtab.Length, 8);
        var length = WithSectionHeaders ? shOffset + (4 * shSize) : shstrtabOffset;
        var bytes = new byte[length];

        WriteHeader(bytes, phOffset, WithSectionHeaders ? shOffset : 0);
        WriteSegment(bytes, phOffset, 1, 0, (ulong)length);
        WriteSegment(bytes, phOffset + phSize, 2, dynamicOffset, (ulong)(dynamicCount * dynSize));
        dynstr.CopyTo(bytes, dynstrOffset);
        var at = dynamicOffset;
        foreach (var offset in sonameOffsets)
        {
            at = WriteDynamic(bytes, at, 14, (ulong)offset);
        }

        at = WriteDynamic(bytes, at, 5, BaseAddress + (ulong)dynstrOffset);
        at = WriteDynamic(bytes, at, 10, (ulong)dynstr.Count);
        WriteDynamic(bytes, at, 0, 0);
        if (WithSectionHeaders)
        {
            shstrtab.CopyTo(bytes, shstrtabOffset);
            WriteSection(bytes, shOffset + shSize, new Section(1, 3, dynstrOffset, dynstr.Count, 0, 0));
            var dynamic = new Section(9, 6, dynamicOffset, dynamicCount * dynSize, 1, dynSize);
            WriteSection(bytes, shOffset + (2 * shSize), dynamic);
            WriteSection(bytes, shOffset + (3 * shSize), new Section(18, 3, shstrtabOffset, shstrtab.Length, 0, 0));
        }

        return bytes;
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private void WriteHeader(byte[] bytes, int phOffset, int shOffset)
    {
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = (byte)(Is64 ? 2 : 1);
        bytes[5] = (byte)(BigEndian ? 2 : 1);
        bytes[6] = 1;
        Put16(bytes, 16, Type);
        Put16(bytes, 18, Machine);
        Put32(bytes, 20, 1);
        var offsets = Is64 ? 32 : 28;
        PutWord(bytes, offsets, (ulong)phOffset);
        PutWord(bytes, offsets + (Is64 ? 8 : 4), (ulong)shOffset);
        var sizes = Is64 ? 52 : 40;
        Put16(bytes, sizes, (ushort)(Is64 ? 64 : 52));
        Put16(bytes, sizes + 2, (ushort)(Is64 ? 56 : 32));
        Put16(bytes, sizes + 4, 2);
        var sectionHeaderSize = Is64 ? 64 : 40;
        Put16(bytes, sizes + 6, (ushort)(shOffset == 0 ? 0 : sectionHeaderSize));
        Put16(bytes, sizes + 8, (ushort)(shOffset == 0 ? 0 : 4));
        Put16(bytes, sizes + 10, (ushort)(shOffset == 0 ? 0 : 3));
    }

    private void WriteSegment(byte[] bytes, int at, uint type, int offset, ulong size)
    {
        Put32(bytes, at, type);
        if (Is64)
        {
            Put32(bytes, at + 4, 4);
            Put64(bytes, at + 8, (ulong)offset);
            Put64(bytes, at + 16, BaseAddress + (ulong)offset);
            Put64(bytes, at + 24, BaseAddress + (ulong)offset);
            Put64(bytes, at + 32, size);
            Put64(bytes, at + 40, size);
            Put64(bytes, at + 48, 8);
        }
        else
        {
            Put32(bytes, at + 4, (uint)offset);
            Put32(bytes, at + 8, (uint)(BaseAddress + (ulong)offset));
            Put32(bytes, at + 12, (uint)(BaseAddress + (ulong)offset));
            Put32(bytes, at + 16, (uint)size);
            Put32(bytes, at + 20, (uint)size);
            Put32(bytes, at + 24, 4);
            Put32(bytes, at + 28, 4);
        }
    }

    private int WriteDynamic(byte[] bytes, int at, long tag, ulong value)
    {
        PutWord(bytes, at, (ulong)tag);
        PutWord(bytes, at + (Is64 ? 8 : 4), value);
        return at + (Is64 ? 16 : 8);
    }

    private void WriteSection(byte[] bytes, int at, Section section)
    {
        Put32(bytes, at, section.Name);
        Put32(bytes, at + 4, section.Type);
        var offsetField = Is64 ? 24 : 16;
        var word = Is64 ? 8 : 4;
        PutWord(bytes, at + offsetField - word, section.Type == 6 ? BaseAddress + (ulong)section.Offset : 0);
        PutWord(bytes, at + offsetField, (ulong)section.Offset);
        PutWord(bytes, at + offsetField + word, (ulong)section.Size);
        Put32(bytes, at + offsetField + (2 * word), section.Link);
        PutWord(bytes, at + offsetField + (2 * word) + 8, 1);
        PutWord(bytes, at + offsetField + (3 * word) + 8, (ulong)section.EntrySize);
    }

    private void Put16(byte[] bytes, int at, ushort value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), value);
        }
    }

    private void Put32(byte[] bytes, int at, uint value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        }
    }

    private void Put64(byte[] bytes, int at, ulong value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
        }
    }

    private void PutWord(byte[] bytes, int at, ulong value)
    {
        if (Is64)
        {
            Put64(bytes, at, value);
        }
        else
        {
            Put32(bytes, at, (uint)value);
        }
    }

    private sealed record Section(uint Name, uint Type, int Offset, int Size, uint Link, int EntrySize);
}
