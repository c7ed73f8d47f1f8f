using System.Formats.Tar;
using System.Security.Cryptography;
using Apko.Apk.Indexes;
using Apko.Apk.Signing;

namespace Apko.Apk.Packages;

/// <summary>
/// Writes .apk v2 packages: an optional signature member over the control member, the control member
/// (<c>.PKGINFO</c> and scripts) and the data member, each file and symlink carrying its
/// <c>APK-TOOLS.checksum.SHA1</c> PAX record. The same input gives the same bytes.
/// </summary>
/// <remarks>NOTE: the package is built in memory; it is meant for test repositories and small packages.</remarks>
public static class ApkPackageWriter
{
    /// <summary>Writes the package to a file, replacing it only once the package is complete.</summary>
    /// <returns>The package record for an index: metadata with checksum, size and data hash.</returns>
    /// <exception cref="ApkException">The file cannot be written.</exception>
    public static async Task<ApkPackage> WriteAsync(
        ApkPackageBuilder package,
        string path,
        ApkSigningKey? signingKey,
        CancellationToken cancellationToken)
    {
        var (bytes, record) = Build(package, signingKey);
        await AtomicFile.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Writes the package to a stream.</summary>
    /// <returns>The package record for an index: metadata with checksum, size and data hash.</returns>
    public static async Task<ApkPackage> WriteAsync(
        ApkPackageBuilder package,
        Stream output,
        ApkSigningKey? signingKey,
        CancellationToken cancellationToken)
    {
        var (bytes, record) = Build(package, signingKey);
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return record;
    }

    private static (byte[] Bytes, ApkPackage Record) Build(ApkPackageBuilder package, ApkSigningKey? signingKey)
    {
        var dataMember = GzipMemberWriter.Compress(WriteDataTar(package.Entries));
        var installedSize = package.Metadata.InstalledSize != 0
            ? package.Metadata.InstalledSize
            : package.Entries.Sum(entry => (long)entry.Content.Length);
        var metadata = package.Metadata with
        {
            DataHash = Convert.ToHexStringLower(SHA256.HashData(dataMember)),
            InstalledSize = installedSize,
            Checksum = null,
            Size = 0,
        };

        var controlMember = GzipMemberWriter.Compress(WriteControlTar(metadata, package.ControlEntries));
        var signatureMember = signingKey is null ? [] : SignatureMemberWriter.Create(signingKey, controlMember);
        byte[] bytes = [.. signatureMember, .. controlMember, .. dataMember];
        var record = metadata with
        {
            Checksum = ApkEntryChecksum.FormatQ1(SHA1.HashData(controlMember)),
            Size = bytes.Length,
        };
        return (bytes, record);
    }

    private static byte[] WriteControlTar(ApkPackage metadata, IReadOnlyList<ApkControlEntry> entries)
    {
        using var tar = new MemoryStream();
        TarBlockWriter.WriteEntry(tar, new TarHeader { Name = ".PKGINFO" }, PkgInfoWriter.Write(metadata));
        foreach (var entry in entries)
        {
            var header = new TarHeader { Name = entry.Name, Mode = (int)entry.Mode };
            TarBlockWriter.WriteEntry(tar, header, entry.Data.Span);
        }

        // abuild cuts the end-of-archive blocks so that the control and data members read as one tar stream.
        return tar.ToArray();
    }

    private static byte[] WriteDataTar(IReadOnlyList<ApkDataEntry> entries)
    {
        using var tar = new MemoryStream();
        foreach (var entry in entries)
        {
            var content = entry.Type == TarEntryType.RegularFile ? entry.Content.Span : [];
            TarBlockWriter.WriteEntry(tar, CreateHeader(entry), content);
        }

        TarBlockWriter.WriteEnd(tar);
        return tar.ToArray();
    }

    private static TarHeader CreateHeader(ApkDataEntry entry)
    {
        var records = new List<KeyValuePair<string, string>>();
        if (entry.Type is TarEntryType.RegularFile or TarEntryType.SymbolicLink)
        {
            // apk-tools checksums a symlink by its target text.
            var checksummed = entry.Type == TarEntryType.RegularFile
                ? entry.Content.Span
                : System.Text.Encoding.UTF8.GetBytes(entry.LinkTarget);
            records.Add(new(ApkEntryChecksum.PaxRecordName, Convert.ToHexStringLower(SHA1.HashData(checksummed))));
        }

        foreach (var (name, value) in entry.Xattrs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            records.Add(new("SCHILY.xattr." + name, value));
        }

        var path = entry.Type == TarEntryType.Directory && !entry.Path.EndsWith('/') ? entry.Path + "/" : entry.Path;
        return new TarHeader
        {
            Name = path,
            Type = entry.Type,
            Mode = (int)entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = entry.UserName,
            GroupName = entry.GroupName,
            ModificationTime = entry.ModificationTime,
            LinkName = entry.LinkTarget,
            DeviceMajor = entry.Device.Major,
            DeviceMinor = entry.Device.Minor,
            PaxRecords = records,
        };
    }
}
