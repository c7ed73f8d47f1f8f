namespace Apko.Apk.Packages;

/// <summary>
/// The byte range and digest of one gzip member of an .apk, as lock files record them.
/// </summary>
/// <param name="Offset">Offset of the first byte in the file.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Checksum">
/// Digest of the compressed bytes as <c>sha1-&lt;base64&gt;</c> or <c>sha256-&lt;base64&gt;</c>.
/// </param>
public sealed record ApkMemberRange(long Offset, long Length, string Checksum)
{
    /// <summary>The HTTP range of the member, such as <c>bytes=0-646</c>.</summary>
    public string HttpRange => $"bytes={Offset}-{Offset + Length - 1}";

    internal static ApkMemberRange Sha1(long offset, long length, byte[] digest) =>
        new(offset, length, "sha1-" + Convert.ToBase64String(digest));

    internal static ApkMemberRange Sha256(long offset, long length, byte[] digest) =>
        new(offset, length, "sha256-" + Convert.ToBase64String(digest));
}
