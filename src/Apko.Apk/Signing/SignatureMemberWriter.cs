using Apko.Apk.Packages;

namespace Apko.Apk.Signing;

/// <summary>
/// Creates the signature gzip member of an index or package: a tar with one <c>.SIGN.&lt;scheme&gt;.&lt;key&gt;</c>
/// entry and no end-of-archive blocks, so that it concatenates with the signed member into one tar stream.
/// </summary>
internal static class SignatureMemberWriter
{
    public static byte[] Create(ApkSigningKey key, ReadOnlySpan<byte> signedMember)
    {
        var signature = key.Sign(signedMember);
        using var tar = new MemoryStream();
        TarBlockWriter.WriteEntry(tar, new TarHeader { Name = signature.EntryName }, signature.Value.Span);
        return GzipMemberWriter.Compress(tar.ToArray());
    }
}
