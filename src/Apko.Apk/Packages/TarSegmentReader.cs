using System.Formats.Tar;

namespace Apko.Apk.Packages;

/// <summary>
/// Reads the entries of a decompressed signature or control member: a tar stream that may end without the
/// end-of-archive blocks, as abuild cuts them.
/// </summary>
internal static class TarSegmentReader
{
    /// <summary>Returns the regular files of the tar bytes in order; other entry types are skipped.</summary>
    /// <exception cref="ApkException">The bytes are not a valid tar stream.</exception>
    public static List<ApkControlEntry> Read(byte[] content, string description)
    {
        var entries = new List<ApkControlEntry>();
        try
        {
            using var reader = new TarReader(new MemoryStream(content, writable: false));
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var data = new byte[entry.Length];
                entry.DataStream?.ReadExactly(data);
                entries.Add(new ApkControlEntry(entry.Name, entry.Mode, data));
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException
                                              or FormatException or ArgumentException)
        {
            throw PackageErrors.TarCorrupt(description, exception);
        }

        return entries;
    }
}
