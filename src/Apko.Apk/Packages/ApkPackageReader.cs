using System.Security.Cryptography;
using Apko.Apk.Signing;
using Microsoft.Win32.SafeHandles;

namespace Apko.Apk.Packages;

/// <summary>
/// Opens .apk v2 files: up to three concatenated gzip members, an optional signature tar segment
/// (<c>.SIGN.RSA.&lt;key&gt;</c> or <c>.SIGN.RSA256.&lt;key&gt;</c> over the control member), the control tar
/// segment (<c>.PKGINFO</c> and scripts) and the data tar, which runs to the end of the file.
/// </summary>
public static class ApkPackageReader
{
    private const int HashBufferSize = 128 * 1024;

    /// <summary>
    /// Opens a package: reads its signature and control members, hashes its data member without decompressing it,
    /// and verifies it as <paramref name="options"/> ask (see <see cref="ApkPackageReadOptions"/>).
    /// </summary>
    /// <param name="path">The .apk file.</param>
    /// <param name="options">Limits and what to verify.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ApkException">The file is unreadable, corrupt, too large, or fails verification.</exception>
    public static async Task<ApkPackageFile> OpenAsync(
        string path,
        ApkPackageReadOptions options,
        CancellationToken cancellationToken)
    {
        var handle = OpenHandle(path);
        try
        {
            var parts = await ReadPartsAsync(path, handle, options.Limits, cancellationToken).ConfigureAwait(false);
            var file = new ApkPackageFile(parts, handle, options.Limits);
            if (options.IndexEntry is { } indexEntry)
            {
                file.VerifyAgainstIndex(indexEntry);
            }
            else if (options.Keyring is { } keyring)
            {
                file.VerifySignature(keyring);
            }

            return file;
        }
        catch (Exception exception)
        {
            handle.Dispose();
            if (exception is IOException)
            {
                throw PackageErrors.Unreadable(path, exception);
            }

            throw;
        }
    }

    private static SafeFileHandle OpenHandle(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw PackageErrors.Unreadable(path, exception);
        }
    }

    private static async Task<ApkPackageFileParts> ReadPartsAsync(
        string path,
        SafeFileHandle handle,
        ApkReadLimits limits,
        CancellationToken cancellationToken)
    {
        var fileLength = RandomAccess.GetLength(handle);
        await RejectApkV3Async(path, handle, cancellationToken).ConfigureAwait(false);
        var stream = new FileRegionStream(handle, 0, fileLength);
        var (signatureMember, signatures) = await ReadSignaturesAsync(stream, path, limits, cancellationToken)
            .ConfigureAwait(false);
        var control = await GzipMemberReader
            .ReadAsync(stream, limits.MaxControlSize, $"'{path}' control member", cancellationToken)
            .ConfigureAwait(false);
        var controlEntries = TarSegmentReader.Read(control.Content, $"'{path}' control member");
        var pkgInfo = controlEntries.FirstOrDefault(entry => entry.Name == ".PKGINFO")
            ?? throw PackageErrors.MissingPkgInfo(path);
        var metadata = PkgInfoParser.Parse(pkgInfo.Data.Span, path) with
        {
            Checksum = ApkEntryChecksum.FormatQ1(control.Sha1),
            Size = fileLength,
        };

        var dataOffset = control.Offset + control.Length;
        var dataLength = fileLength - dataOffset;
        if (dataLength == 0)
        {
            throw PackageErrors.MissingData(path);
        }

        var dataHash = await HashRangeAsync(handle, dataOffset, dataLength, cancellationToken).ConfigureAwait(false);
        return new ApkPackageFileParts(
            path,
            metadata,
            controlEntries,
            signatures,
            signatureMember is null
                ? null
                : ApkMemberRange.Sha1(signatureMember.Offset, signatureMember.Length, signatureMember.Sha1),
            ApkMemberRange.Sha1(control.Offset, control.Length, control.Sha1),
            ApkMemberRange.Sha256(dataOffset, dataLength, dataHash),
            Convert.ToHexStringLower(dataHash),
            control.Sha1,
            control.Sha256);
    }

    private static async Task<(GzipMember? Member, List<ApkSignature> Signatures)> ReadSignaturesAsync(
        Stream stream,
        string path,
        ApkReadLimits limits,
        CancellationToken cancellationToken)
    {
        var firstName = await GzipMemberReader.PeekFirstEntryNameAsync(stream, cancellationToken).ConfigureAwait(false);
        if (firstName is null || !firstName.StartsWith(ApkSignature.EntryPrefix, StringComparison.Ordinal))
        {
            return (null, []);
        }

        var description = $"'{path}' signature member";
        var member = await GzipMemberReader
            .ReadAsync(stream, limits.MaxSignatureSize, description, cancellationToken)
            .ConfigureAwait(false);
        var signatures = new List<ApkSignature>();
        foreach (var entry in TarSegmentReader.Read(member.Content, description))
        {
            if (ApkSignature.TryParseEntryName(entry.Name, out var algorithm, out var keyName))
            {
                signatures.Add(new ApkSignature(algorithm, keyName, entry.Data));
            }
        }

        return (member, signatures);
    }

    private static async Task RejectApkV3Async(string path, SafeFileHandle handle, CancellationToken cancellationToken)
    {
        // APK v3 packages start with the ADB container magic "ADB" (followed by 'd' when compressed).
        var magic = new byte[3];
        var count = await RandomAccess.ReadAsync(handle, magic, 0, cancellationToken).ConfigureAwait(false);
        if (count == magic.Length && magic.AsSpan().SequenceEqual("ADB"u8))
        {
            throw PackageErrors.ApkV3(path);
        }
    }

    private static async Task<byte[]> HashRangeAsync(
        SafeFileHandle handle,
        long offset,
        long length,
        CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[(int)Math.Min(HashBufferSize, length)];
        for (var position = offset; position < offset + length;)
        {
            var wanted = (int)Math.Min(buffer.Length, offset + length - position);
            var count = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, wanted), position, cancellationToken)
                .ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            sha256.AppendData(buffer, 0, count);
            position += count;
        }

        return sha256.GetHashAndReset();
    }
}
