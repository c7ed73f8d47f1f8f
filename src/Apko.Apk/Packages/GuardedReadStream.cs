namespace Apko.Apk.Packages;

/// <summary>
/// Read-only wrapper over a decompressing stream that stops at a size limit (a guard against gzip bombs) and turns
/// the BCL's corrupt-data exceptions into <see cref="ApkException"/>.
/// </summary>
internal sealed class GuardedReadStream(
    Stream inner,
    long maxSize,
    Func<ApkException> tooLarge,
    Func<Exception, ApkException> corrupt) : Stream
{
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(inner.Read(buffer));
        }
        catch (Exception exception) when (IsCorruption(exception))
        {
            throw corrupt(exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (IsCorruption(exception))
        {
            throw corrupt(exception);
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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool IsCorruption(Exception exception) =>
        exception is InvalidDataException or EndOfStreamException;

    private int Count(int count)
    {
        _total += count;
        if (_total > maxSize)
        {
            throw tooLarge();
        }

        return count;
    }
}
