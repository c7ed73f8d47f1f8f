using System.Buffers;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Apko.Apk.Packages;
using Apko.Apk.Signing;

namespace Apko.Apk.Indexes;

/// <summary>
/// Reads a repository index: a signed <c>APKINDEX.tar.gz</c> or plain APKINDEX text. The archive is a gzip member
/// with the signature tar entries (<c>.SIGN.RSA.&lt;key&gt;</c> over SHA-1, <c>.SIGN.RSA256.&lt;key&gt;</c> over
/// SHA-256, no end-of-archive blocks), then a gzip member with a tar of <c>DESCRIPTION</c> and <c>APKINDEX</c>. The
/// signatures cover the raw bytes of everything after the signature members; one valid signature is enough.
/// </summary>
public static class ApkIndexReader
{
    private const long MaxSignatureMemberSize = 1024 * 1024;

    /// <summary>Reads and, when options carry a keyring, verifies the index file at <paramref name="path"/>.</summary>
    /// <exception cref="ApkException">
    /// The file is unreadable, corrupt, too large, malformed, unsigned, or signed by no trusted key.
    /// </exception>
    public static Task<ApkIndex> ReadAsync(
        string path,
        ApkIndexReadOptions options,
        CancellationToken cancellationToken) =>
        ReadAsync(path, options, path, cancellationToken);

    /// <summary>
    /// Reads and, when options carry a keyring, verifies the index file at <paramref name="path"/>, naming it
    /// <paramref name="source"/> in messages, such as the URL a cached copy was downloaded from.
    /// </summary>
    /// <exception cref="ApkException">
    /// The file is unreadable, corrupt, too large, malformed, unsigned, or signed by no trusted key.
    /// </exception>
    public static async Task<ApkIndex> ReadAsync(
        string path,
        ApkIndexReadOptions options,
        string source,
        CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw IndexErrors.Unreadable(path, exception);
        }

        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, options, source, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads and, when options carry a keyring, verifies an index from a stream: a gzip archive, or plain APKINDEX
    /// text (accepted only without a keyring). A stream that cannot seek is buffered in memory first.
    /// </summary>
    /// <param name="stream">The index bytes.</param>
    /// <param name="options">Keyring and size limit.</param>
    /// <param name="source">File name or URL used in messages.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ApkException">
    /// The data is corrupt, too large, malformed, unsigned, or signed by no trusted key.
    /// </exception>
    public static async Task<ApkIndex> ReadAsync(
        Stream stream,
        ApkIndexReadOptions options,
        string source,
        CancellationToken cancellationToken)
    {
        var seekable = stream;
        try
        {
            if (!stream.CanSeek)
            {
                seekable = await BufferAsync(stream, options.MaxSize, source, cancellationToken).ConfigureAwait(false);
            }

            var start = await PeekStartAsync(seekable, cancellationToken).ConfigureAwait(false);
            if (start.Length == 0)
            {
                throw IndexErrors.Empty(source);
            }

            if (start is not [0x1F, 0x8B, ..])
            {
                if (!LooksLikeText(start))
                {
                    throw IndexErrors.NotAnIndex(source, start);
                }

                return await ReadTextAsync(seekable, options, source, cancellationToken).ConfigureAwait(false);
            }

            return await ReadArchiveAsync(seekable, options, source, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw IndexErrors.Unreadable(source, exception);
        }
        finally
        {
            if (!ReferenceEquals(seekable, stream))
            {
                await seekable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads plain APKINDEX text, which carries no signature.</summary>
    /// <exception cref="ApkException">Options carry a keyring, or a line or record is malformed.</exception>
    public static async Task<ApkIndex> ReadTextAsync(
        Stream stream,
        ApkIndexReadOptions options,
        string source,
        CancellationToken cancellationToken)
    {
        if (options.Keyring is not null)
        {
            throw IndexErrors.PlainTextNotVerifiable(source);
        }

        var guarded = new GuardedReadStream(
            stream,
            options.MaxSize,
            () => IndexErrors.TooLarge(source, options.MaxSize),
            exception => IndexErrors.Corrupt(source, exception));
        var packages = await ApkIndexParser.ParseAsync(guarded, source, cancellationToken).ConfigureAwait(false);
        return new ApkIndex("", packages);
    }

    private static async Task<ApkIndex> ReadArchiveAsync(
        Stream stream,
        ApkIndexReadOptions options,
        string source,
        CancellationToken cancellationToken)
    {
        var signatures = await ReadSignaturesAsync(stream, source, cancellationToken).ConfigureAwait(false);
        var contentStart = stream.Position;

        // The signature is checked before anything is decompressed or parsed, so data that no trusted key signed
        // costs no more than reading its compressed bytes.
        if (options.Keyring is { } keyring)
        {
            if (signatures.Count == 0)
            {
                // Checking the gzip data first reports a cut or damaged file as such, not as an unsigned one.
                await CheckGzipAsync(stream, contentStart, options, source, cancellationToken).ConfigureAwait(false);
                throw SigningErrors.NotSigned(source);
            }

            var digests = await HashToEndAsync(stream, DigestsFor(signatures, keyring), cancellationToken)
                .ConfigureAwait(false);
            SignatureVerifier.Verify(signatures, algorithm => digests[algorithm], keyring, source);
            stream.Position = contentStart;
        }

        await using var content = OpenContent(stream, contentStart, options, source);
        ApkIndex index;
        await using (var readAhead = new ReadAheadStream(content, cancellationToken))
        {
            // Decompression runs on another thread while this one parses.
            index = await ReadContentAsync(readAhead, source, cancellationToken).ConfigureAwait(false);
        }

        return index;
    }

    /// <summary>Hashes the rest of the stream with the requested digests, which the index signatures cover.</summary>
    private static async Task<Dictionary<HashAlgorithmName, byte[]>> HashToEndAsync(
        Stream stream,
        GzipDigests requested,
        CancellationToken cancellationToken)
    {
        using var sha1 = (requested & GzipDigests.Sha1) != 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA1) : null;
        using var sha256 = (requested & GzipDigests.Sha256) != 0
            ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
            : null;
        var digests = new Dictionary<HashAlgorithmName, byte[]>();
        if (sha1 is null && sha256 is null)
        {
            return digests;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha1?.AppendData(buffer, 0, count);
                sha256?.AppendData(buffer, 0, count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (sha1 is not null)
        {
            digests[HashAlgorithmName.SHA1] = sha1.GetHashAndReset();
        }

        if (sha256 is not null)
        {
            digests[HashAlgorithmName.SHA256] = sha256.GetHashAndReset();
        }

        return digests;
    }

    /// <summary>Decompresses the gzip members from <paramref name="start"/> to the end without keeping the data.</summary>
    private static async Task CheckGzipAsync(
        Stream stream,
        long start,
        ApkIndexReadOptions options,
        string source,
        CancellationToken cancellationToken)
    {
        await using var content = OpenContent(stream, start, options, source);
        await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the decompressed gzip members from <paramref name="start"/> to the end of the stream.</summary>
    private static GzipDecompressionStream OpenContent(
        Stream stream,
        long start,
        ApkIndexReadOptions options,
        string source) =>
        new(
            new GzipFeeder(stream, start, $"{source}: index member", GzipDigests.None),
            options.MaxSize,
            singleMember: false,
            () => IndexErrors.TooLarge(source, options.MaxSize));

    /// <summary>Returns the digests needed to check the signatures made with trusted keys, the only ones checked.
    /// </summary>
    private static GzipDigests DigestsFor(List<ApkSignature> signatures, Keyring keyring)
    {
        var digests = GzipDigests.None;
        foreach (var signature in signatures.Where(signature => keyring.TryGetKey(signature.KeyName, out _)))
        {
            digests |= signature.Algorithm == ApkSignatureAlgorithm.RsaSha256 ? GzipDigests.Sha256 : GzipDigests.Sha1;
        }

        return digests;
    }

    private static async Task<List<ApkSignature>> ReadSignaturesAsync(
        Stream stream,
        string source,
        CancellationToken cancellationToken)
    {
        var signatures = new List<ApkSignature>();
        while (await GzipMemberReader.PeekFirstEntryNameAsync(stream, cancellationToken).ConfigureAwait(false)
               is { } name && name.StartsWith(ApkSignature.EntryPrefix, StringComparison.Ordinal))
        {
            var description = $"{source}: signature member";
            var member = await GzipMemberReader
                .ReadAsync(stream, MaxSignatureMemberSize, description, cancellationToken)
                .ConfigureAwait(false);
            foreach (var (entryName, _, value) in TarSegmentReader.Read(member.Content, description))
            {
                if (!entryName.StartsWith(ApkSignature.EntryPrefix, StringComparison.Ordinal))
                {
                    throw IndexErrors.SignatureMemberMixed(source, entryName);
                }

                if (ApkSignature.TryParseEntryName(entryName, out var algorithm, out var keyName))
                {
                    signatures.Add(new ApkSignature(algorithm, keyName, value));
                }
            }
        }

        return signatures;
    }

    private static async Task<ApkIndex> ReadContentAsync(
        Stream content,
        string source,
        CancellationToken cancellationToken)
    {
        try
        {
            var index = await ReadEntriesAsync(content, source, cancellationToken).ConfigureAwait(false);
            await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return index;
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException
                                              or FormatException)
        {
            throw IndexErrors.Corrupt(source, exception);
        }
    }

    private static async Task<ApkIndex> ReadEntriesAsync(
        Stream tarStream,
        string source,
        CancellationToken cancellationToken)
    {
        string description = "";
        List<ApkPackage>? packages = null;
        await using var tar = new TarReader(tarStream, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var data = entry.DataStream ?? Stream.Null;
            if (entry.Name == "DESCRIPTION")
            {
                using var reader = new StreamReader(data, Encoding.UTF8, leaveOpen: true);
                description = (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).TrimEnd('\n');
            }
            else if (entry.Name == "APKINDEX")
            {
                packages = await ApkIndexParser
                    .ParseAsync(data, $"{source}: APKINDEX", cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (!entry.Name.StartsWith(ApkSignature.EntryPrefix, StringComparison.Ordinal))
            {
                throw IndexErrors.UnexpectedEntry(source, entry.Name);
            }
        }

        return packages is null ? throw IndexErrors.MissingApkIndex(source) : new ApkIndex(description, packages);
    }

    /// <summary>Returns up to the first 16 bytes of the stream and restores its position.</summary>
    private static async Task<byte[]> PeekStartAsync(Stream stream, CancellationToken cancellationToken)
    {
        var position = stream.Position;
        var start = new byte[16];
        var count = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        stream.Position = position;
        return start[..count];
    }

    /// <summary>
    /// Returns whether the first bytes could start APKINDEX text: a field letter and a colon, or a blank line. Other
    /// data would only fail later with a confusing message about its first line.
    /// </summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> start)
    {
        if (start[0] is (byte)'\n' or (byte)'\r')
        {
            return true;
        }

        return char.IsAsciiLetter((char)start[0]) && (start.Length == 1 || start[1] == (byte)':');
    }

    private static async Task<MemoryStream> BufferAsync(
        Stream stream,
        long maxSize,
        string source,
        CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var guarded = new GuardedReadStream(
            stream,
            maxSize,
            () => IndexErrors.TooLarge(source, maxSize),
            exception => IndexErrors.Corrupt(source, exception));
        await guarded.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return buffer;
    }
}
