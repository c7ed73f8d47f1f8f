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
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false)
                       is { } entry)
                {
                    var source = new EntrySource(package, dataTarPath, stream.Position, regularFiles);
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
            Xattrs = ReadXattrs(entry),
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

    // TODO: System.Formats.Tar decodes PAX values as UTF-8, so binary attribute values such as
    // security.capability are altered; read the raw PAX records to keep them byte for byte.
    private static Dictionary<string, byte[]> ReadXattrs(TarEntry entry)
    {
        var xattrs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (entry is PaxTarEntry pax)
        {
            foreach (var (key, value) in pax.ExtendedAttributes)
            {
                if (key.StartsWith(XattrRecordPrefix, StringComparison.Ordinal))
                {
                    xattrs[key[XattrRecordPrefix.Length..]] = Encoding.UTF8.GetBytes(value);
                }
            }
        }

        return xattrs;
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

    /// <summary>Where an entry comes from: its package, the tar file and the offset of its data there.</summary>
    private sealed record EntrySource(
        ApkPackage Package,
        string DataTarPath,
        long DataOffset,
        Dictionary<string, PlannedEntry> RegularFiles);
}
