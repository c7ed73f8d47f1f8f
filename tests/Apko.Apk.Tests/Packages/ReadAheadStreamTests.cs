using Apko.Apk.Packages;

namespace Apko.Apk.Tests.Packages;

public sealed class ReadAheadStreamTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_ManyChunks_SameBytes()
    {
        var bytes = new byte[(1024 * 1024) + 123];
        new Random(7).NextBytes(bytes);
        await using var stream = new ReadAheadStream(new MemoryStream(bytes), Token);

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 1000, Token);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, stream.Position);
    }

    [Fact]
    public async Task ReadAsync_SourceFails_SameException()
    {
        var source = new FailingStream(bytesBeforeFailure: 200 * 1024);
        await using var stream = new ReadAheadStream(source, Token);

        var buffer = new byte[64 * 1024];
        var read = 0L;
        var exception = await Assert.ThrowsAsync<ApkException>(async () =>
        {
            int count;
            while ((count = await stream.ReadAsync(buffer, Token)) > 0)
            {
                read += count;
            }
        });

        Assert.Same(source.Thrown, exception);
        Assert.InRange(read, 1, 200 * 1024);
    }

    [Fact]
    public async Task DisposeAsync_EarlyStop_ReadsStop()
    {
        var source = new EndlessStream();
        var stream = new ReadAheadStream(source, Token);
        var buffer = new byte[10];
        Assert.Equal(10, await stream.ReadAsync(buffer, Token));

        await stream.DisposeAsync();
        var readsAtDispose = source.Reads;
        await Task.Delay(50, Token);

        Assert.Equal(readsAtDispose, source.Reads);
        await Assert.ThrowsAsync<ObjectDisposedException>(
            async () => await stream.ReadAtLeastAsync(buffer, 1, cancellationToken: Token));
    }

    [Fact]
    public void Read_Synchronous_ReturnsBytes()
    {
        using var stream = new ReadAheadStream(new MemoryStream([1, 2, 3]), Token);

        var buffer = new byte[8];
        var count = stream.Read(buffer, 0, buffer.Length);

        Assert.Equal(3, count);
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
    }

    /// <summary>Returns zero bytes until a limit, then throws one recorded exception.</summary>
    private sealed class FailingStream(long bytesBeforeFailure) : Stream
    {
        private long _position;

        public ApkException Thrown { get; } = new("APKO9999", "the source failed");

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytesBeforeFailure)
            {
                throw Thrown;
            }

            var length = (int)Math.Min(count, bytesBeforeFailure - _position);
            Array.Clear(buffer, offset, length);
            _position += length;
            return length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Never ends, and counts the reads made of it.</summary>
    private sealed class EndlessStream : Stream
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _reads);
            buffer.AsSpan(offset, count).Fill(1);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
