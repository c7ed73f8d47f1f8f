using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>
/// A read-only stream wrapper that reports the bytes read so far as <see cref="PushStage.BlobUploading"/>.
/// </summary>
internal sealed class ProgressStream : Stream
{
    private readonly Stream _inner;
    private readonly IProgress<PushProgress> _progress;
    private readonly Digest _digest;
    private readonly long _total;
    private long _done;

    public ProgressStream(Stream inner, IProgress<PushProgress> progress, Digest digest, long total)
    {
        _inner = inner;
        _progress = progress;
        _digest = digest;
        _total = total;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _total;

    public override long Position
    {
        get => _done;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Report(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(
        Memory<byte> buffer,
        CancellationToken cancellationToken = default) =>
        Report(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Report(int read)
    {
        if (read > 0)
        {
            _done += read;
            _progress.Report(new PushProgress(PushStage.BlobUploading, _digest, _done, _total));
        }

        return read;
    }
}
