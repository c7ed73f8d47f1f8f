using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Apko.Oci.Model;

namespace Apko.Oci.Layers;

/// <summary>
/// A write-only stream that gzip-compresses what it receives into one gzip member, compressing 1 MiB chunks in
/// parallel. Each chunk is deflated on its own (no back-references into earlier chunks) and, except for the last,
/// ends with a sync flush, so the chunks join into one valid deflate stream. The output therefore depends only on
/// the input bytes, never on the degree of parallelism. SHA-256 digests of the input and the output are computed
/// on the way.
/// </summary>
internal sealed class ParallelGzipStream : Stream
{
    /// <summary>Uncompressed bytes per chunk.</summary>
    public const int ChunkSize = 1 << 20;

    // zlib level 6 of the zlib-ng library bundled with .NET; changing it changes every layer digest.
    // NOTE: the compressed bytes also depend on the zlib-ng version the .NET runtime bundles, so a runtime update
    // may change layer digests while diff IDs stay the same.
    private const int CompressionLevel = 6;

    // RFC 1952 header: deflate, no flags, MTIME 0, XFL 0, OS 255 (unknown), so no build host detail leaks.
    private static readonly byte[] s_header = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];

    private static readonly byte[] s_emptyFinalBlock = [0x03, 0x00];

    private readonly Stream _destination;
    private readonly int _maxParallelism;
    private readonly Queue<Task<CompressedChunk>> _pending = new();
    private readonly IncrementalHash _inputHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _outputHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _chunkLength;
    private long _inputLength;
    private long _outputLength;
    private uint _crc;
    private bool _completed;

    public ParallelGzipStream(Stream destination, int maxParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        _destination = destination;
        _maxParallelism = maxParallelism;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_completed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _inputLength;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> buffer,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _inputHash.AppendData(buffer.Span);
        _inputLength += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, ChunkSize - _chunkLength);
            buffer.Span[..count].CopyTo(_chunk.AsSpan(_chunkLength));
            _chunkLength += count;
            buffer = buffer[count..];
            if (_chunkLength == ChunkSize)
            {
                await DispatchChunkAsync(isLast: false, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Compresses what is left, writes the gzip trailer and returns the digests and sizes.</summary>
    public async Task<CompressionResult> CompleteAsync(CancellationToken cancellationToken)
    {
        await DispatchChunkAsync(isLast: true, cancellationToken).ConfigureAwait(false);
        while (_pending.Count > 0)
        {
            await WriteOldestChunkAsync(cancellationToken).ConfigureAwait(false);
        }

        var trailer = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)_inputLength);
        await WriteOutputAsync(trailer, cancellationToken).ConfigureAwait(false);
        await _destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        return new CompressionResult(
            Digest.FromSha256Hash(_inputHash.GetHashAndReset()),
            _inputLength,
            Digest.FromSha256Hash(_outputHash.GetHashAndReset()),
            _outputLength);
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use WriteAsync.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        _completed = true;
        while (_pending.Count > 0)
        {
            try
            {
                await _pending.Dequeue().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The failure was already reported by the write that gave up on this stream.
            }
        }

        ReturnChunk();
        _inputHash.Dispose();
        _outputHash.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _pending.Count == 0)
        {
            ReturnChunk();
            _inputHash.Dispose();
            _outputHash.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task DispatchChunkAsync(bool isLast, CancellationToken cancellationToken)
    {
        var chunk = _chunk;
        var length = _chunkLength;
        _pending.Enqueue(Task.Run(() => CompressChunk(chunk, length, isLast), cancellationToken));
        _chunk = isLast ? [] : ArrayPool<byte>.Shared.Rent(ChunkSize);
        _chunkLength = 0;
        while (_pending.Count >= _maxParallelism)
        {
            await WriteOldestChunkAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteOldestChunkAsync(CancellationToken cancellationToken)
    {
        var chunk = await _pending.Dequeue().ConfigureAwait(false);
        if (_outputLength == 0)
        {
            await WriteOutputAsync(s_header, cancellationToken).ConfigureAwait(false);
        }

        await WriteOutputAsync(chunk.Deflated, cancellationToken).ConfigureAwait(false);
        _crc = Crc32.Combine(_crc, chunk.Crc, chunk.Length);
    }

    private async Task WriteOutputAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _outputHash.AppendData(bytes.Span);
        _outputLength += bytes.Length;
        await _destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static CompressedChunk CompressChunk(byte[] chunk, int length, bool isLast)
    {
        try
        {
            var input = chunk.AsSpan(0, length);
            var output = new MemoryStream(length / 2 + 64);
            var options = new ZLibCompressionOptions
            {
                CompressionLevel = CompressionLevel,
                CompressionStrategy = ZLibCompressionStrategy.Default,
            };
            var flushedLength = 0L;
            using (var deflate = new DeflateStream(output, options, leaveOpen: true))
            {
                deflate.Write(input);
                if (!isLast)
                {
                    // A sync flush ends the data on a byte boundary with a non-final empty stored block, so the
                    // next chunk's blocks can follow. Disposing then adds a final block, which is cut off below.
                    deflate.Flush();
                    flushedLength = output.Length;
                }
            }

            var deflatedLength = (int)(isLast ? output.Length : flushedLength);
            var deflated = new ReadOnlyMemory<byte>(output.GetBuffer(), 0, deflatedLength);
            if (isLast && deflated.IsEmpty)
            {
                // DeflateStream writes nothing when given nothing; a final, empty fixed-Huffman block ends the data.
                deflated = s_emptyFinalBlock;
            }

            return new CompressedChunk(deflated, Crc32.Append(0, input), length);
        }
        finally
        {
            if (chunk.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    private void ReturnChunk()
    {
        if (_chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
    }

    private sealed record CompressedChunk(ReadOnlyMemory<byte> Deflated, uint Crc, int Length);
}
