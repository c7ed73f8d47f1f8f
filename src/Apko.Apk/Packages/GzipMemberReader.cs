using System.Buffers;
using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Apko.Apk.Packages;

/// <summary>
/// Reads one member of a concatenated gzip file, such as the signature or control part of an .apk, and finds the
/// byte where it ends. DeflateStream reads ahead and does not report how much input it used, so the end is found
/// afterwards: the deflate data ends inside the last chunk handed to the inflater (it asked for that chunk, so it
/// had not finished before it), right before an 8-byte trailer with the CRC-32 and length of the decompressed
/// bytes (RFC 1952), which is followed by the next member's magic or the end of the file.
/// </summary>
internal sealed partial class GzipMemberReader : Stream
{
    private const int BufferSize = 64 * 1024;
    private const int TrailerLength = 8;
    private const int LookAhead = TrailerLength + 2;
    private const int MaxChunk = 16 * 1024;

    private readonly Stream _source;
    private readonly string _description;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _bufferOffset;
    private int _position;
    private int _length;
    private int _hashed;
    private int _chunkStart;
    private bool _sourceEnded;
    private bool _inflaterStarved;

    private GzipMemberReader(Stream source, string description)
    {
        _source = source;
        _description = description;
        _bufferOffset = source.Position;
    }

    /// <summary>
    /// Reads the member that starts at the position of <paramref name="source"/> and leaves the stream positioned
    /// at the byte after it.
    /// </summary>
    /// <param name="source">A seekable stream positioned at a gzip member.</param>
    /// <param name="maxSize">Largest decompressed size accepted.</param>
    /// <param name="description">Names the file and member in messages, such as <c>x.apk: control member</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ApkException">The member is truncated, corrupt or larger than <paramref name="maxSize"/>.</exception>
    public static async Task<GzipMember> ReadAsync(
        Stream source,
        long maxSize,
        string description,
        CancellationToken cancellationToken)
    {
        var offset = source.Position;
        await using var reader = new GzipMemberReader(source, description);
        await reader.SkipHeaderAsync(offset, cancellationToken).ConfigureAwait(false);
        var content = await reader.InflateAsync(offset, maxSize, cancellationToken).ConfigureAwait(false);
        var end = await reader.FindEndAsync(offset, content, cancellationToken).ConfigureAwait(false);
        source.Position = end;
        return new GzipMember(
            offset,
            end - offset,
            reader._sha1.GetHashAndReset(),
            reader._sha256.GetHashAndReset(),
            content);
    }

    /// <summary>
    /// Returns the name of the first tar entry in the gzip member at the stream position, or null when the stream is
    /// at its end or the member cannot be read; the position is restored.
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

    private async Task SkipHeaderAsync(long offset, CancellationToken cancellationToken)
    {
        var header = new byte[10];
        for (var index = 0; index < header.Length; index++)
        {
            header[index] = await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false);
        }

        var flags = header[3];
        if (header[0] != 0x1F || header[1] != 0x8B || header[2] != 8 || (flags & 0xE0) != 0)
        {
            throw PackageErrors.NotGzip(_description, offset);
        }

        if ((flags & 0x04) != 0)
        {
            var low = await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false);
            var high = await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false);
            for (var remaining = low | (high << 8); remaining > 0; remaining--)
            {
                await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false);
            }
        }

        for (var flag = 0x08; flag <= 0x10; flag <<= 1)
        {
            while ((flags & flag) != 0 && await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false) != 0)
            {
            }
        }

        if ((flags & 0x02) != 0)
        {
            await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false);
            await ReadHeaderByteAsync(offset, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<byte> ReadHeaderByteAsync(long offset, CancellationToken cancellationToken)
    {
        if (_position == _length)
        {
            await RefillAsync(cancellationToken).ConfigureAwait(false);
            if (_length == 0)
            {
                throw PackageErrors.GzipTruncated(_description, offset);
            }
        }

        return _buffer[_position++];
    }

    private async Task<byte[]> InflateAsync(long offset, long maxSize, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var block = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var deflate = new DeflateStream(this, CompressionMode.Decompress, leaveOpen: true);
            int count;
            while ((count = await deflate.ReadAsync(block, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (output.Length + count > maxSize)
                {
                    throw PackageErrors.MemberTooLarge(_description, offset, maxSize);
                }

                output.Write(block, 0, count);
            }
        }
        catch (InvalidDataException exception)
        {
            throw PackageErrors.GzipCorrupt(_description, offset, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }

        if (_inflaterStarved)
        {
            throw PackageErrors.GzipTruncated(_description, offset);
        }

        return output.ToArray();
    }

    private async Task<long> FindEndAsync(long offset, byte[] content, CancellationToken cancellationToken)
    {
        await EnsureLookAheadAsync(cancellationToken).ConfigureAwait(false);
        var crc = Crc32.Compute(content);
        var size = unchecked((uint)content.LongLength);
        for (var end = _chunkStart + 1; end <= _position && end + TrailerLength <= _length; end++)
        {
            var trailer = _buffer.AsSpan(end, TrailerLength);
            if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc
                || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != size
                || !IsMemberBoundary(end + TrailerLength))
            {
                continue;
            }

            Hash(end + TrailerLength);
            return _bufferOffset + end + TrailerLength;
        }

        throw PackageErrors.GzipTrailerMismatch(_description, offset);
    }

    private bool IsMemberBoundary(int index) =>
        (index == _length && _sourceEnded)
        || (index + 1 < _length && _buffer[index] == 0x1F && _buffer[index + 1] == 0x8B);

    private async Task EnsureLookAheadAsync(CancellationToken cancellationToken)
    {
        if (_position + LookAhead > _buffer.Length)
        {
            Hash(_chunkStart);
            var kept = _length - _chunkStart;
            Buffer.BlockCopy(_buffer, _chunkStart, _buffer, 0, kept);
            _bufferOffset += _chunkStart;
            _position -= _chunkStart;
            _length = kept;
            _hashed = 0;
            _chunkStart = 0;
        }

        while (_length < _position + LookAhead && !_sourceEnded)
        {
            var count = await _source.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            _sourceEnded = count == 0;
            _length += count;
        }
    }

    private async ValueTask RefillAsync(CancellationToken cancellationToken)
    {
        Hash(_length);
        _bufferOffset += _length;
        _position = _length = _hashed = _chunkStart = 0;
        _length = await _source.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        _sourceEnded = _length == 0;
    }

    private void Refill()
    {
        Hash(_length);
        _bufferOffset += _length;
        _position = _length = _hashed = _chunkStart = 0;
        _length = _source.Read(_buffer);
        _sourceEnded = _length == 0;
    }

    private void Hash(int end)
    {
        var bytes = _buffer.AsSpan(_hashed, end - _hashed);
        _sha1.AppendData(bytes);
        _sha256.AppendData(bytes);
        _hashed = end;
    }

    private int Hand(Span<byte> destination)
    {
        if (_length == 0)
        {
            _inflaterStarved = true;
            return 0;
        }

        var count = Math.Min(Math.Min(destination.Length, _length - _position), MaxChunk);
        _buffer.AsSpan(_position, count).CopyTo(destination);
        _chunkStart = _position;
        _position += count;
        return count;
    }
}
