using System.Buffers;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

public sealed partial class PackageInstaller
{
    private const string ChecksumRecord = "APK-TOOLS.checksum.SHA1";
    private const string XattrRecordPrefix = "SCHILY.xattr.";

    /// <summary>Reads and checks every data entry, verifying checksums, before anything is installed.</summary>
    private static async Task<List<PlannedEntry>> ReadEntriesAsync(
        ApkPackage package,
        string dataTarPath,
        CancellationToken cancellationToken)
    {
        var entries = new List<PlannedEntry>();
        var regularFiles = new Dictionary<string, PlannedEntry>(StringComparer.Ordinal);
        var file = new FileStream(
            dataTarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        var stream = new PositionTrackingStream(file);
        var reader = new TarReader(stream);
        await using (file.ConfigureAwait(false))
        await using (reader.ConfigureAwait(false))
        {
            try
            {
                var headerStart = 0L;
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false)
                       is { } entry)
                {
                    var source = new EntrySource(package, dataTarPath, headerStart, stream.Position, regularFiles);
                    headerStart = (stream.Position + entry.Length + 511) / 512 * 512;
                    var planned = await PlanEntryAsync(source, entry, cancellationToken).ConfigureAwait(false);
                    if (planned is null)
                    {
                        continue;
                    }

                    entries.Add(planned);
                    if (planned.Type == FileNodeType.RegularFile)
                    {
                        regularFiles[planned.Path] = planned;
                    }
                }
            }
            catch (Exception error) when (error is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw InstallationErrors.CorruptDataTar(package, dataTarPath, error);
            }
        }

        return entries;
    }

    private static async Task<PlannedEntry?> PlanEntryAsync(
        EntrySource source,
        TarEntry entry,
        CancellationToken cancellationToken)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return null;
        }

        var path = EntryName.Validate(source.Package, entry.Name);
        var type = MapType(entry.EntryType)
            ?? throw InstallationErrors.UnsupportedEntryType(source.Package, path, entry.EntryType.ToString());
        if (path.StartsWith('.') || (type != FileNodeType.Directory && EntryName.IsKeepFile(NameOf(path))))
        {
            // apk-tools skips names starting with a dot (the control entries) and never installs .keep_* files.
            return null;
        }

        var planned = new PlannedEntry(path, type)
        {
            Mode = entry.Mode & (UnixFileMode)0xFFF,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = entry.ModificationTime.ToUnixTimeSeconds(),
            Xattrs = ReadXattrs(source, entry),
        };
        return type switch
        {
            FileNodeType.RegularFile => await PlanRegularFileAsync(source, entry, planned, cancellationToken)
                .ConfigureAwait(false),
            FileNodeType.Symlink => PlanSymlink(source.Package, entry, planned),
            FileNodeType.HardLink => PlanHardLink(source, entry, planned),
            FileNodeType.Directory => planned,
            _ => planned with
            {
                DeviceMajor = entry is PosixTarEntry posix ? posix.DeviceMajor : 0,
                DeviceMinor = entry is PosixTarEntry device ? device.DeviceMinor : 0,
            },
        };
    }

    private static async Task<PlannedEntry> PlanRegularFileAsync(
        EntrySource source,
        TarEntry entry,
        PlannedEntry planned,
        CancellationToken cancellationToken)
    {
        var expected = DeclaredChecksum(source.Package, entry, planned.Path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        var length = 0L;
        if (entry.DataStream is { } data)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (length != entry.Length)
        {
            throw InstallationErrors.CorruptDataTar(
                source.Package,
                source.DataTarPath,
                new InvalidDataException($"'{planned.Path}' ends after {length} of its {entry.Length} bytes"));
        }

        var actual = hash.GetHashAndReset();
        if (expected is not null && !actual.AsSpan().SequenceEqual(expected))
        {
            throw InstallationErrors.ChecksumMismatch(
                source.Package, planned.Path, Convert.ToHexStringLower(expected), Convert.ToHexStringLower(actual));
        }

        var content = length == 0
            ? FileContent.FromBytes([])
            : FileContent.FromFileSegment(source.DataTarPath, source.DataOffset, length);
        return planned with { Content = content, Checksum = Sha1Checksum.ToQ1(actual) };
    }

    private static PlannedEntry PlanSymlink(ApkPackage package, TarEntry entry, PlannedEntry planned)
    {
        var actual = SHA1.HashData(Encoding.UTF8.GetBytes(entry.LinkName));
        var expected = DeclaredChecksum(package, entry, planned.Path);
        if (expected is not null && !actual.AsSpan().SequenceEqual(expected))
        {
            throw InstallationErrors.ChecksumMismatch(
                package, planned.Path, Convert.ToHexStringLower(expected), Convert.ToHexStringLower(actual));
        }

        return planned with { LinkTarget = entry.LinkName, Checksum = Sha1Checksum.ToQ1(actual) };
    }

    private static PlannedEntry PlanHardLink(EntrySource source, TarEntry entry, PlannedEntry planned)
    {
        var target = EntryName.Validate(source.Package, entry.LinkName);
        if (!source.RegularFiles.TryGetValue(target, out var targetEntry))
        {
            throw InstallationErrors.HardlinkTargetMissing(source.Package, planned.Path, target);
        }

        return planned with
        {
            LinkTarget = target,
            Content = targetEntry.Content,
            Checksum = targetEntry.Checksum,
        };
    }

    private static byte[]? DeclaredChecksum(ApkPackage package, TarEntry entry, string path)
    {
        if (entry is not PaxTarEntry pax || !pax.ExtendedAttributes.TryGetValue(ChecksumRecord, out var value))
        {
            return null;
        }

        return Sha1Checksum.TryDecode(value, out var digest)
            ? digest
            : throw InstallationErrors.InvalidChecksumRecord(package, path, value);
    }

    private static Dictionary<string, byte[]> ReadXattrs(EntrySource source, TarEntry entry)
    {
        var hasXattrs = entry is PaxTarEntry pax
            && pax.ExtendedAttributes.Keys.Any(key => key.StartsWith(XattrRecordPrefix, StringComparison.Ordinal));
        return hasXattrs
            ? RawPaxRecords.ReadXattrs(source.DataTarPath, source.HeaderStart, source.DataOffset)
            : new Dictionary<string, byte[]>(StringComparer.Ordinal);
    }

    private static FileNodeType? MapType(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile =>
            FileNodeType.RegularFile,
        TarEntryType.Directory => FileNodeType.Directory,
        TarEntryType.SymbolicLink => FileNodeType.Symlink,
        TarEntryType.HardLink => FileNodeType.HardLink,
        TarEntryType.CharacterDevice => FileNodeType.CharacterDevice,
        TarEntryType.BlockDevice => FileNodeType.BlockDevice,
        TarEntryType.Fifo => FileNodeType.Fifo,
        _ => null,
    };

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Where an entry comes from: its package, the tar file and the offsets of its headers and data.</summary>
    private sealed record EntrySource(
        ApkPackage Package,
        string DataTarPath,
        long HeaderStart,
        long DataOffset,
        Dictionary<string, PlannedEntry> RegularFiles);
}
