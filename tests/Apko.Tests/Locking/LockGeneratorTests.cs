using System.Text;
using Apko.Locking;

namespace Apko.Tests.Locking;

public sealed class LockGeneratorTests
{
    [Fact]
    public async Task WriteAsync_GoldenConfig_MatchesApkoByteForByte()
    {
        using var workspace = new LockWorkspace();
        var output = workspace.Path("apko.lock.json");

        var written = await LockGenerator.WriteAsync(
            workspace.GoldenOptions, output, LockWorkspace.HttpClient, TestContext.Current.CancellationToken);

        Assert.Equal(output, written);
        Assert.Equal(
            await File.ReadAllTextAsync(LockWorkspace.GoldenLockPath, TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GenerateAsync_CrlfConfig_SameChecksumAsLf()
    {
        using var workspace = new LockWorkspace();
        var lf = await File.ReadAllBytesAsync(
            Apko.Testing.Fixtures.Path("apko", "internal", "cli", "testdata", "apko.yaml"),
            TestContext.Current.CancellationToken);
        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(lf).Replace("\n", "\r\n", StringComparison.Ordinal));
        var path = workspace.Write("apko-crlf.yaml", crlf);

        var locked = await LockGenerator.GenerateAsync(
            workspace.GoldenOptions with { ConfigurationPath = path }, LockWorkspace.HttpClient,
            TestContext.Current.CancellationToken);

        Assert.Equal("sha256-eal7+HCFuOLz/8m3vNO5cYyNK0Zw7AphCcsc76TbTXg=", locked.Config?.Checksum);
    }

    [Fact]
    public async Task WriteAsync_UnresolvablePackage_WritesNoFile()
    {
        using var workspace = new LockWorkspace();
        var output = workspace.Path("apko.lock.json");
        var options = workspace.GoldenOptions with { ExtraPackages = ["no-such-package"] };

        await Assert.ThrowsAsync<Apko.Apk.Resolution.ResolutionException>(() => LockGenerator.WriteAsync(
            options, output, LockWorkspace.HttpClient, TestContext.Current.CancellationToken));

        var entries = Directory.EnumerateFileSystemEntries(workspace.Root).Select(Path.GetFileName).Order();
        Assert.Equal(["cache", "tmp"], entries);
    }

    [Theory]
    [InlineData("apko.yaml", "lock.json", "apko.lock.json")]
    [InlineData("dir/app.apko.yaml", "lock.json", "dir/app.apko.lock.json")]
    [InlineData("noext", "resolved.json", "noext.resolved.json")]
    public void DefaultOutputPath_ReplacesExtension(string config, string suffix, string expected) =>
        Assert.Equal(expected, LockGenerator.DefaultOutputPath(config, suffix));
}
