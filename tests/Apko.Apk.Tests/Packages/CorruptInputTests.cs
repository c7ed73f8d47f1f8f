using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Signing;
using Apko.Testing;

namespace Apko.Apk.Tests.Packages;

/// <summary>
/// Flips bytes of real files at positions from a fixed seed and checks that reading either succeeds or fails with
/// <see cref="ApkException"/>, never with another exception.
/// </summary>
public sealed class CorruptInputTests
{
    private const int Rounds = 150;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("apko/pkg/apk/apk/testdata/rsa256-signed/APKINDEX.tar.gz")]
    [InlineData("apko/pkg/apk/apk/testdata/APKINDEX.tar.gz")]
    public async Task ReadAsync_FlippedIndexBytes_OnlyApkException(string fixture)
    {
        var original = await File.ReadAllBytesAsync(Fixtures.Path(fixture.Split('/')), Token);
        var random = new Random(1234);

        for (var round = 0; round < Rounds; round++)
        {
            var bytes = Flip(original, random);
            var exception = await Record.ExceptionAsync(
                () => ApkIndexReader.ReadAsync(new MemoryStream(bytes), ApkIndexReadOptions.Unverified(), "x", Token));

            Assert.True(exception is null or ApkException, $"round {round}: {exception}");
        }
    }

    [Theory]
    [InlineData("apko/internal/cli/testdata/packages/x86_64/replayout-1.0.0-r0.apk")]
    [InlineData("apko/pkg/apk/apk/testdata/hello-0.1.0-r0.apk")]
    public async Task OpenAsync_FlippedPackageBytes_OnlyApkException(string fixture)
    {
        using var temp = new TempDirectory();
        var original = await File.ReadAllBytesAsync(Fixtures.Path(fixture.Split('/')), Token);
        var random = new Random(5678);
        var path = Path.Combine(temp.Path, "package.apk");

        for (var round = 0; round < Rounds; round++)
        {
            await File.WriteAllBytesAsync(path, Flip(original, random), Token);
            var exception = await Record.ExceptionAsync(() => ReadFullyAsync(path));

            Assert.True(exception is null or ApkException, $"round {round}: {exception}");
        }
    }

    private static async Task ReadFullyAsync(string path)
    {
        await using var file = await ApkPackageReader.OpenAsync(path, new(), Token);
        await using var data = file.OpenDataTar();
        await data.CopyToAsync(Stream.Null, Token);
        file.VerifySignature(Keyring.Empty);
    }

    private static byte[] Flip(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
        }

        return bytes;
    }
}
