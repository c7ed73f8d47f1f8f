using System.Buffers;
using System.Threading.Channels;

namespace Apko.Apk.Packages;

/// <summary>
/// Reads its source on a thread pool thread, a few buffers ahead of the reader, so that decompressing an index and
/// parsing it run at the same time. An exception thrown while reading the source is thrown by the read that reaches
/// the point where it happened.
/// </summary>
/// <remarks>
/// Disposing stops the background reads and waits for the one in progress, so the source can be disposed right
/// after. The source itself is not disposed.
/// </remarks>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 64 * 1024;
    private const int ChunksAhead = 4;

    private readonly Channel<(byte[] Buffer, int Length)> _chunks =
        Channel.CreateBounded<(byte[] Buffer, int Length)>(
            new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stop;
    private readonly Task _filling;
    private byte[]? _current;
    private int _offset;
    private int _length;
    private long _total;
    private bool _disposed;

    /// <param name="source">The stream to read ahead, with synchronous reads.</param>
    /// <param name="cancellationToken">Stops the background reads.</param>
    public ReadAheadStream(Stream source, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _stop.Token;
        _filling = Task.Run(() => FillAsync(source, token), CancellationToken.None);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_current is null || _offset == _length)
        {
            ReturnCurrent();
            if (!await NextChunkAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        _total += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Blocks until a chunk is ready. Prefer the async reads.</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await StopAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            StopAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async Task FillAsync(Stream source, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var length = 0;
                try
                {
                    int count;
                    while (length < buffer.Length && (count = source.Read(buffer, length, buffer.Length - length)) > 0)
                    {
                        length += count;
                    }
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return;
                }

                // A buffer lost to cancellation here is left to the garbage collector instead of the pool.
                await _chunks.Writer.WriteAsync((buffer, length), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _chunks.Writer.TryComplete();
        }
    }

    private async ValueTask<bool> NextChunkAsync(CancellationToken cancellationToken)
    {
        (byte[] Buffer, int Length) chunk;
        while (!_chunks.Reader.TryRead(out chunk))
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The background reads ended, at the end of the source or with an exception that awaiting rethrows.
                await _filling.ConfigureAwait(false);
                return false;
            }
        }

        (_current, _length) = chunk;
        _offset = 0;
        return true;
    }

    private void ReturnCurrent()
    {
        if (_current is not null)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
        }
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _filling.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ApkException or IOException
                                              or InvalidDataException)
        {
            // The reader stopped reading, so what failed after that point no longer matters.
        }

        ReturnCurrent();
        while (_chunks.Reader.TryRead(out var chunk))
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }

        _stop.Dispose();
    }
}
