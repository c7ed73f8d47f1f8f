using Microsoft.Win32.SafeHandles;

namespace Apko.Apk.Packages;

/// <summary>
/// Read-only seekable stream over a byte range of an open file. It reads at explicit offsets, so several streams
/// can share one handle, and disposing it leaves the handle open.
/// </summary>
internal sealed class FileRegionStream(SafeFileHandle handle, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 && value <= length ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = RandomAccess.Read(handle, buffer[..Available(buffer.Length)], start + _position);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await RandomAccess
            .ReadAsync(handle, buffer[..Available(buffer.Length)], start + _position, cancellationToken)
            .ConfigureAwait(false);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Available(int requested) => (int)Math.Min(requested, Math.Max(0, length - _position));
}
