using System.Security.Cryptography;
using Apko.Oci.Model;
using ZstdSharp;

namespace Apko.Oci.Layers;

/// <summary>
/// A write-only stream that compresses a layer tar into one zstd frame on a single thread, so that equal input gives
/// equal bytes, and hashes both the tar (the diff ID) and the compressed bytes (the blob digest).
/// </summary>
internal sealed class ZstdLayerStream : Stream
{
    /// <summary>zstd's default compression level.</summary>
    private const int Level = 3;

    private readonly CountingHashStream _output;
    private readonly CompressionStream _zstd;
    private readonly IncrementalHash _inputHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _inputLength;
    private bool _completed;

    public ZstdLayerStream(Stream destination)
    {
        _output = new CountingHashStream(destination);
        _zstd = new CompressionStream(_output, Level, leaveOpen: true);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _inputLength;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inputHash.AppendData(buffer);
        _inputLength += buffer.Length;
        _zstd.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _inputHash.AppendData(buffer.Span);
        _inputLength += buffer.Length;
        await _zstd.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Ends the zstd frame and returns the digests and sizes of the tar and of the compressed bytes.</summary>
    public async Task<CompressionResult> CompleteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _zstd.DisposeAsync().ConfigureAwait(false);
        _completed = true;
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new CompressionResult(
            Digest.FromSha256Hash(_inputHash.GetHashAndReset()),
            _inputLength,
            _output.GetDigest(),
            _output.Length);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_completed)
            {
                _zstd.Dispose();
            }

            _inputHash.Dispose();
            _output.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Passes writes on to a stream while counting and hashing them with SHA-256.</summary>
    private sealed class CountingHashStream(Stream destination) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public Digest GetDigest() => Digest.FromSha256Hash(_hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            destination.Write(buffer);
        }

        public override async ValueTask WriteAsync(
            ReadOnlyMemory<byte> buffer,
            CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            _length += buffer.Length;
            await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => destination.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
