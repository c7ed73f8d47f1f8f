namespace Apko.Build.LdsoCache;

internal sealed partial class ElfReader
{
    /// <summary>Largest header table read (65,535 entries of 64 bytes is 4 MiB); real tables are far smaller.</summary>
    private const long MaxTableBytes = 4L << 20;

    private async Task<List<SectionHeader>> ReadSectionHeadersAsync(
        ElfHeader header,
        CancellationToken cancellationToken)
    {
        var entrySize = _is64 ? 64 : 40;
        if (header.SectionHeaderOffset == 0)
        {
            return [];
        }

        if (header.SectionHeaderEntrySize < entrySize)
        {
            throw new MalformedElfException(
                $"section headers are {header.SectionHeaderEntrySize} bytes, expected at least {entrySize}");
        }

        var count = (ulong)header.SectionCount;
        if (count == 0)
        {
            // ELF extended numbering: with 65,280 sections or more, e_shnum is 0 and section 0's sh_size contains
            // the count.
            var first = await ReadTableAsync(
                header.SectionHeaderOffset, 1, header.SectionHeaderEntrySize, cancellationToken).ConfigureAwait(false);
            count = ReadWord(first, _is64 ? 32 : 20);
        }

        var table = await ReadTableAsync(
            header.SectionHeaderOffset, count, header.SectionHeaderEntrySize, cancellationToken).ConfigureAwait(false);
        var sections = new List<SectionHeader>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var at = i * header.SectionHeaderEntrySize;
            // sh_type, sh_offset, sh_size and sh_link, at their ELF64 or ELF32 offsets.
            sections.Add(_is64
                ? new SectionHeader(
                    ReadUInt32(table, at + 4), ReadUInt64(table, at + 24),
                    ReadUInt64(table, at + 32), ReadUInt32(table, at + 40))
                : new SectionHeader(
                    ReadUInt32(table, at + 4), ReadUInt32(table, at + 16),
                    ReadUInt32(table, at + 20), ReadUInt32(table, at + 24)));
        }

        return sections;
    }

    private async Task<List<ProgramHeader>> ReadProgramHeadersAsync(
        ElfHeader header,
        CancellationToken cancellationToken)
    {
        var entrySize = _is64 ? 56 : 32;
        if (header.ProgramHeaderOffset == 0 || header.ProgramHeaderCount == 0)
        {
            return [];
        }

        if (header.ProgramHeaderEntrySize < entrySize)
        {
            throw new MalformedElfException(
                $"program headers are {header.ProgramHeaderEntrySize} bytes, expected at least {entrySize}");
        }

        var count = (ulong)header.ProgramHeaderCount;
        var table = await ReadTableAsync(
            header.ProgramHeaderOffset, count, header.ProgramHeaderEntrySize, cancellationToken).ConfigureAwait(false);
        var segments = new List<ProgramHeader>(header.ProgramHeaderCount);
        for (var i = 0; i < header.ProgramHeaderCount; i++)
        {
            var at = i * header.ProgramHeaderEntrySize;
            // p_type, p_offset, p_vaddr and p_filesz, at their ELF64 or ELF32 offsets.
            segments.Add(_is64
                ? new ProgramHeader(
                    ReadUInt32(table, at), ReadUInt64(table, at + 8),
                    ReadUInt64(table, at + 16), ReadUInt64(table, at + 32))
                : new ProgramHeader(
                    ReadUInt32(table, at), ReadUInt32(table, at + 4),
                    ReadUInt32(table, at + 8), ReadUInt32(table, at + 16)));
        }

        return segments;
    }

    private async Task<byte[]> ReadTableAsync(
        ulong offset,
        ulong count,
        int entrySize,
        CancellationToken cancellationToken)
    {
        var size = count * (ulong)entrySize;
        if (count > ushort.MaxValue * 256UL || size > MaxTableBytes)
        {
            throw new MalformedElfException($"a header table of {count} entries is larger than {MaxTableBytes} bytes");
        }

        return await ReadAtAsync(Checked(offset), (long)size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ELF file header fields the reader uses.</summary>
    private sealed record ElfHeader(
        ushort Type,
        ushort Machine,
        ulong ProgramHeaderOffset,
        ulong SectionHeaderOffset,
        int ProgramHeaderEntrySize,
        int ProgramHeaderCount,
        int SectionHeaderEntrySize,
        int SectionCount)
    {
        /// <summary>Parses the header from the file's first bytes, laid out as the ELF class in use defines.</summary>
        public static ElfHeader Parse(ElfReader reader, byte[] bytes)
        {
            if (bytes.Length < (reader._is64 ? 64 : 52))
            {
                throw new MalformedElfException($"the file is {bytes.Length} bytes, shorter than an ELF header");
            }

            var type = reader.ReadUInt16(bytes, 16);
            var machine = reader.ReadUInt16(bytes, 18);
            return reader._is64
                ? new ElfHeader(
                    type, machine, reader.ReadUInt64(bytes, 32), reader.ReadUInt64(bytes, 40),
                    reader.ReadUInt16(bytes, 54), reader.ReadUInt16(bytes, 56),
                    reader.ReadUInt16(bytes, 58), reader.ReadUInt16(bytes, 60))
                : new ElfHeader(
                    type, machine, reader.ReadUInt32(bytes, 28), reader.ReadUInt32(bytes, 32),
                    reader.ReadUInt16(bytes, 42), reader.ReadUInt16(bytes, 44),
                    reader.ReadUInt16(bytes, 46), reader.ReadUInt16(bytes, 48));
        }
    }

    private sealed record SectionHeader(uint Type, ulong Offset, ulong Size, uint Link);

    private sealed record ProgramHeader(uint Type, ulong Offset, ulong VirtualAddress, ulong FileSize);
}
