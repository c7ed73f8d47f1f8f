namespace Apko.Apk.FileSystem;

/// <summary>File content stored as a byte range of a file on disk, such as a spooled package data tar.</summary>
internal sealed class FileSegmentContent(string path, long offset, long length) : FileContent
{
    public string Path { get; } = path;

    public long Offset { get; } = offset;

    public override long Length { get; } = length;

    public override Stream OpenRead() => new FileSegmentStream(Path, Offset, Length);
}
