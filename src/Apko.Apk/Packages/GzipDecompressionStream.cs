using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;

namespace Apko.Apk.Packages;

/// <summary>
/// Decompresses gzip members one after another, checking each member's CRC-32 and length trailer, and reports a
/// truncated or corrupt input as <see cref="ApkException"/> (the BCL's GZipStream returns a short read for a
/// truncated input). The compressed bytes are hashed by the <see cref="GzipFeeder"/> as they are used.
/// </summary>
internal sealed class GzipDecompressionStream : Stream
{
    private readonly GzipFeeder _feeder;
    private readonly long _maxSize;
    private readonly bool _singleMember;
    private readonly Func<ApkException> _tooLarge;
    private readonly Crc32 _crc = new();
    private DeflateStream? _deflate;
    private long _memberSize;
    private long _total;
    private bool _started;
    private bool _finished;

    /// <param name="feeder">The compressed input.</param>
    /// <param name="maxSize">Largest decompressed size accepted.</param>
    /// <param name="singleMember">Stop after the first member instead of reading to the end of the input.</param>
    /// <param name="tooLarge">Creates the error thrown past <paramref name="maxSize"/>.</param>
    public GzipDecompressionStream(GzipFeeder feeder, long maxSize, bool singleMember, Func<ApkException> tooLarge)
    {
        _feeder = feeder;
        _maxSize = maxSize;
        _singleMember = singleMember;
        _tooLarge = tooLarge;
    }

    /// <summary>The file offset of the byte after the last finished member.</summary>
    public long EndOffset { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, useAsync: true, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadCoreAsync(buffer.AsMemory(offset, count), useAsync: true, cancellationToken).AsTask();

    // With useAsync false every await in ReadCoreAsync completes synchronously, so these do not block on a task.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadCoreAsync(buffer.AsMemory(offset, count), useAsync: false, CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var count = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, count).CopyTo(buffer);
            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
            _feeder.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool useAsync, CancellationToken cancellationToken)
    {
        while (!_finished && !buffer.IsEmpty)
        {
            if (_deflate is null && !await StartMemberAsync(useAsync, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            var count = await InflateAsync(buffer, useAsync, cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                return Account(buffer.Span[..count]);
            }

            await EndMemberAsync(useAsync, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private async ValueTask<bool> StartMemberAsync(bool useAsync, CancellationToken cancellationToken)
    {
        if (_started && (_singleMember
                         || !await _feeder.HasMoreInputAsync(useAsync, cancellationToken).ConfigureAwait(false)))
        {
            _finished = true;
            return false;
        }

        _started = true;
        await _feeder.StartMemberAsync(useAsync, cancellationToken).ConfigureAwait(false);
        _deflate = new DeflateStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _memberSize = 0;
        return true;
    }

    private async ValueTask<int> InflateAsync(Memory<byte> buffer, bool useAsync, CancellationToken cancellationToken)
    {
        try
        {
            return useAsync
                ? await _deflate!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)
                : _deflate!.Read(buffer.Span);
        }
        catch (InvalidDataException exception)
        {
            throw PackageErrors.GzipCorrupt(_feeder.Description, _feeder.MemberOffset, exception);
        }
    }

    private async ValueTask EndMemberAsync(bool useAsync, CancellationToken cancellationToken)
    {
        if (_feeder.InflaterStarved)
        {
            throw PackageErrors.GzipTruncated(_feeder.Description, _feeder.MemberOffset);
        }

        EndOffset = await _feeder.FinishMemberAsync(_crc.GetCurrentHashAsUInt32(), _memberSize, useAsync, cancellationToken)
            .ConfigureAwait(false);
        _deflate!.Dispose();
        _deflate = null;
        _finished = _singleMember;
    }

    private int Account(ReadOnlySpan<byte> bytes)
    {
        _crc.Append(bytes);
        _memberSize += bytes.Length;
        _total += bytes.Length;
        if (_total > _maxSize)
        {
            throw _tooLarge();
        }

        return bytes.Length;
    }
}
