namespace Apko.Apk.FileSystem;

/// <summary>
/// Content of a regular file, held by reference so that an image's memory use grows with its number of files and
/// not with their size: either a small byte array or a byte range of a file on disk.
/// </summary>
public abstract class FileContent
{
    /// <summary>Content length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Creates content from bytes that the build made; the array is not copied and must not change.</summary>
    public static FileContent FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new MemoryFileContent(bytes);
    }

    /// <summary>
    /// Creates content that refers to <paramref name="length"/> bytes at <paramref name="offset"/> of the file at
    /// <paramref name="path"/>. The file must stay unchanged as long as the content is used.
    /// </summary>
    public static FileContent FromFileSegment(string path, long offset, long length)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new FileSegmentContent(path, offset, length);
    }

    /// <summary>Opens a read-only stream over the content; the caller disposes it.</summary>
    /// <exception cref="IOException">The backing file cannot be read.</exception>
    public abstract Stream OpenRead();

    /// <summary>Reads the whole content into a new array.</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[Length];
        var stream = OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        return buffer;
    }
}
