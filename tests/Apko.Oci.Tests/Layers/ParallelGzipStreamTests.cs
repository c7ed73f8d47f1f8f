using System.IO.Compression;
using Apko.Oci.Layers;
using Apko.Oci.Model;
using Apko.Testing;

namespace Apko.Oci.Tests.Layers;

public sealed class ParallelGzipStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ParallelGzipStream.ChunkSize)]
    [InlineData(ParallelGzipStream.ChunkSize + 1)]
    [InlineData((3 * ParallelGzipStream.ChunkSize) + 12345)]
    public async Task CompleteAsync_OutputDecompressesToInput(int length)
    {
        var input = CreateInput(length);

        var (output, result) = await CompressAsync(input, maxParallelism: 2, writeSize: 70_001);

        Assert.Equal(input, Decompress(output));
        Assert.Equal(Digest.Sha256(input), result.InputDigest);
        Assert.Equal(input.Length, result.InputLength);
        Assert.Equal(Digest.Sha256(output), result.OutputDigest);
        Assert.Equal(output.Length, result.OutputLength);
    }

    [Fact]
    public async Task CompleteAsync_SameBytesForAnyParallelism()
    {
        var input = CreateInput((4 * ParallelGzipStream.ChunkSize) + 999);

        var (one, _) = await CompressAsync(input, maxParallelism: 1, writeSize: 4096);
        var (two, _) = await CompressAsync(input, maxParallelism: 2, writeSize: 1_000_000);
        var (eight, _) = await CompressAsync(input, maxParallelism: 8, writeSize: 512);

        Assert.Equal(Digest.Sha256(one), Digest.Sha256(two));
        Assert.Equal(Digest.Sha256(one), Digest.Sha256(eight));
    }

    [Fact]
    public async Task CompleteAsync_WritesFixedHeaderAndOneMember()
    {
        var (output, _) = await CompressAsync(CreateInput((2 * ParallelGzipStream.ChunkSize) + 5), 2, 65536);

        Assert.Equal(new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff }, output[..10]);
        Assert.Equal(-1, output.AsSpan(10).IndexOf(new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0 }));
    }

    [Fact]
    public async Task CompleteAsync_GzipToolAcceptsOutput()
    {
        var gzip = ExternalTool.Require("gzip");
        var input = CreateInput((2 * ParallelGzipStream.ChunkSize) + 77);
        var (output, _) = await CompressAsync(input, 2, 65536);
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "layer.gz");
        await File.WriteAllBytesAsync(path, output, TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync(gzip, ["-t", "-v", path]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Returns compressible but varied bytes: text-like runs mixed with random noise.</summary>
    internal static byte[] CreateInput(int length)
    {
        var random = new Random(length);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = i % 97 < 60 ? (byte)('a' + (i / 13 % 26)) : (byte)random.Next(256);
        }

        return data;
    }

    private static async Task<(byte[] Output, CompressionResult Result)> CompressAsync(
        byte[] input,
        int maxParallelism,
        int writeSize)
    {
        using var output = new MemoryStream();
        await using var gzip = new ParallelGzipStream(output, maxParallelism);
        for (var offset = 0; offset < input.Length; offset += writeSize)
        {
            var count = Math.Min(writeSize, input.Length - offset);
            await gzip.WriteAsync(input.AsMemory(offset, count), TestContext.Current.CancellationToken);
        }

        var result = await gzip.CompleteAsync(TestContext.Current.CancellationToken);
        return (output.ToArray(), result);
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
