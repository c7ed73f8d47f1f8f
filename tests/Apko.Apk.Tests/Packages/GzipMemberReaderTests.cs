using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Apko.Apk.Packages;
using Apko.Testing;

namespace Apko.Apk.Tests.Packages;

public sealed class GzipMemberReaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_BusyboxMembers_ExactBoundaries()
    {
        var bytes = await File.ReadAllBytesAsync(
            Fixtures.Path("alpine", "v3.19.1-iso", "x86_64", "busybox-1.36.1-r15.apk"),
            Token);
        using var stream = new MemoryStream(bytes);

        var signature = await GzipMemberReader.ReadAsync(stream, 1 << 20, "signature", Token);
        var control = await GzipMemberReader.ReadAsync(stream, 1 << 20, "control", Token);

        Assert.Equal(662, signature.Length);
        Assert.Equal(662, control.Offset);
        Assert.Equal(2300 - 662, control.Length);
        Assert.Equal(2300, stream.Position);
        Assert.Equal(1024, signature.Content.Length);
    }

    [Fact]
    public async Task ReadAsync_HeaderWithNameAndExtra_Skipped()
    {
        var member = WithOptionalHeaderFields(Compress("first member"));
        using var stream = new MemoryStream([.. member, .. Compress("second member")]);

        var first = await GzipMemberReader.ReadAsync(stream, 1 << 20, "test", Token);
        var second = await GzipMemberReader.ReadAsync(stream, 1 << 20, "test", Token);

        Assert.Equal("first member", Encoding.UTF8.GetString(first.Content));
        Assert.Equal(member.Length, first.Length);
        Assert.Equal("second member", Encoding.UTF8.GetString(second.Content));
    }

    [Fact]
    public void Read_SyncConcatenatedMembers_AllDecompressed()
    {
        var bytes = Compress("abc").Concat(Compress("def")).ToArray();
        var feeder = new GzipFeeder(new MemoryStream(bytes), 0, "test", GzipDigests.None);
        using var stream = new GzipDecompressionStream(
            feeder,
            100,
            singleMember: false,
            () => new ApkException("X", "x"));
        using var reader = new StreamReader(stream);

        Assert.Equal("abcdef", reader.ReadToEnd());
    }

    [Fact]
    public void GetDigest_OnlySha256_NoSha1()
    {
        var bytes = Compress("abc").Concat(Compress("def")).ToArray();
        var feeder = new GzipFeeder(new MemoryStream(bytes), 0, "test", GzipDigests.Sha256);
        using var stream = new GzipDecompressionStream(
            feeder,
            100,
            singleMember: false,
            () => new ApkException("X", "x"));
        stream.CopyTo(Stream.Null);

        Assert.Equal(SHA256.HashData(bytes), feeder.GetDigest(HashAlgorithmName.SHA256));
        Assert.Throws<InvalidOperationException>(() => feeder.GetDigest(HashAlgorithmName.SHA1));
    }

    [Fact]
    public async Task ReadAsync_TrailerCrcChanged_Rejected()
    {
        var bytes = Compress("some content");
        bytes[^6] ^= 0x01;

        var exception = await Assert.ThrowsAsync<ApkException>(
            () => GzipMemberReader.ReadAsync(new MemoryStream(bytes), 1 << 20, "'x.apk' control member", Token));

        Assert.Equal("APKO2133", exception.Code);
        Assert.StartsWith("'x.apk' control member at byte 0", exception.Message);
    }

    [Fact]
    public async Task ReadAsync_TrailerAcrossBufferEdge_ExactBoundary()
    {
        var random = new Random(42);
        for (var size = 65_440; size < 65_540; size++)
        {
            var content = new byte[size];
            random.NextBytes(content);
            var first = Compress(content);
            using var stream = new MemoryStream([.. first, .. Compress("next"u8.ToArray())]);

            var member = await GzipMemberReader.ReadAsync(stream, 1 << 20, "test", Token);
            var next = await GzipMemberReader.ReadAsync(stream, 1 << 20, "test", Token);

            Assert.True(member.Length == first.Length, $"size {size}: {member.Length} != {first.Length}");
            Assert.Equal(content, member.Content);
            Assert.Equal("next"u8.ToArray(), next.Content);
        }
    }

    private static byte[] Compress(string text) => Compress(Encoding.UTF8.GetBytes(text));

    private static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static byte[] WithOptionalHeaderFields(byte[] member)
    {
        byte[] extra = [3, 0, 0, 0, 0];
        byte[] name = [.. "member.txt"u8, 0];
        var header = member[..10];
        header[3] = 0x04 | 0x08;
        return [.. header, .. extra, .. name, .. member[10..]];
    }
}
