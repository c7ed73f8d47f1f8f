using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Apko.Apk.Packages;

/// <summary>
/// The compressed side of <see cref="GzipDecompressionStream"/>: parses gzip member headers, hands deflate data to
/// a DeflateStream, hashes the compressed bytes and finds the exact byte where each member ends.
/// </summary>
/// <remarks>
/// DeflateStream reads ahead and does not report how much input it used, so the end is found afterwards. The
/// deflate data ends inside the last chunk handed out, because the inflater asked for that chunk and so had not
/// finished before it. The 8-byte trailer follows, with the CRC-32 and length of the member's decompressed bytes
/// (RFC 1952), and after it comes the next member's magic or the end of the input.
/// </remarks>
internal sealed partial class GzipFeeder : Stream
{
    private const int BufferSize = 64 * 1024;
    private const int MaxChunk = 16 * 1024;
    private const int TrailerLength = 8;
    private const int LookAhead = TrailerLength + 2;

    private readonly Stream _source;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly IncrementalHash? _sha1;
    private readonly IncrementalHash? _sha256;
    private long _bufferOffset;
    private int _position;
    private int _length;
    private int _hashed;
    private int _chunkStart;
    private bool _sourceEnded;

    /// <param name="source">The compressed input, read from its current position.</param>
    /// <param name="startOffset">The offset of the first byte of <paramref name="source"/> in its file.</param>
    /// <param name="description">Names the file and part in messages, such as <c>'x.apk' control member</c>.</param>
    /// <param name="digests">The digests <see cref="GetDigest"/> can return. Hashing costs time, so request only
    /// those needed.</param>
    public GzipFeeder(Stream source, long startOffset, string description, GzipDigests digests)
    {
        _source = source;
        _sha1 = (digests & GzipDigests.Sha1) != 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA1) : null;
        _sha256 = (digests & GzipDigests.Sha256) != 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        _bufferOffset = startOffset;
        Description = description;
    }

    public string Description { get; }

    /// <summary>The file offset of the member being read.</summary>
    public long MemberOffset { get; private set; }

    /// <summary>True when the inflater asked for more input after the input ended: the member is truncated.</summary>
    public bool InflaterStarved { get; private set; }

    /// <summary>Returns the digest of the compressed bytes of the members finished so far.</summary>
    /// <exception cref="InvalidOperationException">The feeder was not created with this digest.</exception>
    public byte[] GetDigest(HashAlgorithmName algorithm)
    {
        var hash = algorithm == HashAlgorithmName.SHA256 ? _sha256 : _sha1;
        return hash?.GetCurrentHash()
            ?? throw new InvalidOperationException($"The {algorithm.Name} digest of {Description} was not computed.");
    }

    /// <summary>Returns whether any input follows the last finished member.</summary>
    public async ValueTask<bool> HasMoreInputAsync(bool useAsync, CancellationToken cancellationToken)
    {
        if (_position == _length && !_sourceEnded)
        {
            await RefillAsync(useAsync, cancellationToken).ConfigureAwait(false);
        }

        return _position < _length;
    }

    /// <summary>Reads the header of the member at the current position.</summary>
    /// <exception cref="ApkException">The header is not gzip or is truncated.</exception>
    public async ValueTask StartMemberAsync(bool useAsync, CancellationToken cancellationToken)
    {
        MemberOffset = _bufferOffset + _position;
        InflaterStarved = false;
        _chunkStart = _position;
        var header = new byte[10];
        for (var index = 0; index < header.Length; index++)
        {
            header[index] = await ReadHeaderByteAsync(useAsync, cancellationToken).ConfigureAwait(false);
        }

        var flags = header[3];
        if (header[0] != 0x1F || header[1] != 0x8B || header[2] != 8 || (flags & 0xE0) != 0)
        {
            throw PackageErrors.NotGzip(Description, MemberOffset);
        }

        // Optional fields follow in this order (RFC 1952): FEXTRA (0x04) with a 2-byte length, FNAME (0x08) and
        // FCOMMENT (0x10) as zero-terminated strings, then FHCRC (0x02), a 2-byte header CRC.
        if ((flags & 0x04) != 0)
        {
            var low = await ReadHeaderByteAsync(useAsync, cancellationToken).ConfigureAwait(false);
            var high = await ReadHeaderByteAsync(useAsync, cancellationToken).ConfigureAwait(false);
            await SkipHeaderBytesAsync(low | (high << 8), useAsync, cancellationToken).ConfigureAwait(false);
        }

        for (var flag = 0x08; flag <= 0x10; flag <<= 1)
        {
            while ((flags & flag) != 0
                   && await ReadHeaderByteAsync(useAsync, cancellationToken).ConfigureAwait(false) != 0)
            {
            }
        }

        if ((flags & 0x02) != 0)
        {
            await SkipHeaderBytesAsync(2, useAsync, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finds the end of the member whose decompressed bytes have <paramref name="crc"/> and
    /// <paramref name="size"/>, hashes the member's remaining bytes, and moves to the byte after it.
    /// </summary>
    /// <returns>The file offset of the byte after the member.</returns>
    /// <exception cref="ApkException">No valid trailer follows the deflate data.</exception>
    public async ValueTask<long> FinishMemberAsync(
        uint crc,
        long size,
        bool useAsync,
        CancellationToken cancellationToken)
    {
        await EnsureLookAheadAsync(useAsync, cancellationToken).ConfigureAwait(false);
        var isize = unchecked((uint)size);
        for (var end = _chunkStart + 1; end <= _position && end + TrailerLength <= _length; end++)
        {
            var trailer = _buffer.AsSpan(end, TrailerLength);
            if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc
                || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != isize
                || !IsMemberBoundary(end + TrailerLength))
            {
                continue;
            }

            _position = _chunkStart = end + TrailerLength;
            Hash(_position);
            return _bufferOffset + _position;
        }

        throw PackageErrors.GzipTrailerMismatch(Description, MemberOffset);
    }

    private async ValueTask SkipHeaderBytesAsync(int count, bool useAsync, CancellationToken cancellationToken)
    {
        for (; count > 0; count--)
        {
            await ReadHeaderByteAsync(useAsync, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<byte> ReadHeaderByteAsync(bool useAsync, CancellationToken cancellationToken)
    {
        if (_position == _length)
        {
            await RefillAsync(useAsync, cancellationToken).ConfigureAwait(false);
            if (_length == 0)
            {
                throw PackageErrors.GzipTruncated(Description, MemberOffset);
            }
        }

        return _buffer[_position++];
    }

    private bool IsMemberBoundary(int index) =>
        (index == _length && _sourceEnded)
        || (index + 1 < _length && _buffer[index] == 0x1F && _buffer[index + 1] == 0x8B);

    private async ValueTask EnsureLookAheadAsync(bool useAsync, CancellationToken cancellationToken)
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
            var count = await ReadSourceAsync(_buffer.AsMemory(_length), useAsync, cancellationToken)
                .ConfigureAwait(false);
            _sourceEnded = count == 0;
            _length += count;
        }
    }

    private async ValueTask RefillAsync(bool useAsync, CancellationToken cancellationToken)
    {
        Hash(_length);
        _bufferOffset += _length;
        _position = _length = _hashed = _chunkStart = 0;
        _length = await ReadSourceAsync(_buffer, useAsync, cancellationToken).ConfigureAwait(false);
        _sourceEnded = _length == 0;
    }

    private ValueTask<int> ReadSourceAsync(Memory<byte> buffer, bool useAsync, CancellationToken cancellationToken) =>
        useAsync ? _source.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(_source.Read(buffer.Span));

    private void Hash(int end)
    {
        var bytes = _buffer.AsSpan(_hashed, end - _hashed);
        _sha1?.AppendData(bytes);
        _sha256?.AppendData(bytes);
        _hashed = end;
    }

    private int Hand(Span<byte> destination)
    {
        if (_length == 0)
        {
            InflaterStarved = true;
            return 0;
        }

        var count = Math.Min(Math.Min(destination.Length, _length - _position), MaxChunk);
        _buffer.AsSpan(_position, count).CopyTo(destination);
        _chunkStart = _position;
        _position += count;
        return count;
    }
}
