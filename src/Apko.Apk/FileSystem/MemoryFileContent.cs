namespace Apko.Apk.FileSystem;

/// <summary>File content held in a byte array.</summary>
internal sealed class MemoryFileContent(byte[] bytes) : FileContent
{
    public override long Length => bytes.Length;

    public override Stream OpenRead() => new MemoryStream(bytes, writable: false);
}
