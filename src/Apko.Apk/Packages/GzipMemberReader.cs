using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Apko.Apk.Packages;

/// <summary>Reads single members of a concatenated gzip file, such as the signature and control of an .apk.</summary>
internal static class GzipMemberReader
{
    /// <summary>
    /// Reads the member that starts at the position of <paramref name="source"/> into memory and leaves the stream
    /// positioned at the byte after it.
    /// </summary>
    /// <param name="source">A seekable stream positioned at a gzip member.</param>
    /// <param name="maxSize">Largest decompressed size accepted.</param>
    /// <param name="description">Names the file and part in messages, such as <c>'x.apk' control member</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ApkException">
    /// The member is truncated, corrupt or larger than <paramref name="maxSize"/>.
    /// </exception>
    public static async Task<GzipMember> ReadAsync(
        Stream source,
        long maxSize,
        string description,
        CancellationToken cancellationToken)
    {
        var offset = source.Position;
        var feeder = new GzipFeeder(source, offset, description, GzipDigests.Sha1 | GzipDigests.Sha256);
        await using var member = new GzipDecompressionStream(
            feeder,
            maxSize,
            singleMember: true,
            () => PackageErrors.MemberTooLarge(description, offset, maxSize));
        using var content = new MemoryStream();
        await member.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
        source.Position = member.EndOffset;
        return new GzipMember(
            offset,
            member.EndOffset - offset,
            feeder.GetDigest(HashAlgorithmName.SHA1),
            feeder.GetDigest(HashAlgorithmName.SHA256),
            content.ToArray());
    }

    /// <summary>
    /// Returns the name of the first tar entry in the gzip member at the stream position, and restores the position.
    /// Returns null when the stream is at its end or the member cannot be read.
    /// </summary>
    public static async Task<string?> PeekFirstEntryNameAsync(Stream source, CancellationToken cancellationToken)
    {
        var start = source.Position;
        if (start >= source.Length)
        {
            return null;
        }

        try
        {
            await using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            await using var tar = new TarReader(gzip, leaveOpen: true);
            var entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            return entry?.Name;
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException
                                              or FormatException or ArgumentException)
        {
            return null;
        }
        finally
        {
            source.Position = start;
        }
    }
}
