namespace Apko.Apk.Packages;

/// <summary>One decompressed gzip member with the position and digests of its compressed bytes.</summary>
/// <param name="Offset">Byte offset of the member in its file.</param>
/// <param name="Length">Compressed length, header and trailer included.</param>
/// <param name="Sha1">SHA-1 of the compressed bytes.</param>
/// <param name="Sha256">SHA-256 of the compressed bytes.</param>
/// <param name="Content">The decompressed bytes.</param>
internal sealed record GzipMember(long Offset, long Length, byte[] Sha1, byte[] Sha256, byte[] Content);
