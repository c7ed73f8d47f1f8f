namespace Apko.Apk.Packages;

/// <summary>The read-only stream view that hands compressed bytes to the inflater.</summary>
internal sealed partial class GzipFeeder
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == _length)
        {
            await RefillAsync(useAsync: true, cancellationToken).ConfigureAwait(false);
        }

        return Hand(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position == _length)
        {
            // With useAsync false every await in RefillAsync completes synchronously, so this does not block.
            RefillAsync(useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }

        return Hand(buffer);
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
            _sha1?.Dispose();
            _sha256?.Dispose();
        }

        base.Dispose(disposing);
    }
}
