using Apko.Configuration;
using Apko.Testing;

namespace Apko.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly string s_apkoRoot = Fixtures.Path("apko");

    public static TheoryData<string> FixtureConfigurations()
    {
        var data = new TheoryData<string>();
        var files = Directory.GetFiles(Fixtures.Path("apko", "examples"), "*.yaml")
            .Concat(Directory.GetFiles(Fixtures.Path("alpine"), "*.yaml"))
            .Concat(Directory.GetFiles(Fixtures.Path("apko", "internal", "cli", "testdata"), "*.yaml"))
            .Concat(Directory.GetFiles(Fixtures.Path("apko", "pkg", "build", "types", "testdata"), "*.yaml", SearchOption.AllDirectories));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Fixtures.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureConfigurations))]
    public async Task LoadAsync_FixtureLoadsOrFailsAsDocumented(string relativePath)
    {
        var path = Path.Combine(Fixtures.Root, relativePath);
        var options = new ConfigurationLoaderOptions { WorkingDirectory = WorkingDirectoryFor(path) };

        var load = ConfigurationLoader.LoadAsync(path, options, TestContext.Current.CancellationToken);

        if (Path.GetFileName(path) == "image_on_top.apko.yaml")
        {
            var exception = await Assert.ThrowsAsync<ConfigurationException>(() => load);
            Assert.Equal(ConfigurationErrorCodes.NotBuiltYet, exception.Code);
            Assert.Contains("contents.baseimage", exception.Message, StringComparison.Ordinal);
            return;
        }

        var loaded = await load;
        Assert.NotEmpty(loaded.Files);
        Assert.StartsWith("sha256-", loaded.Checksum, StringComparison.Ordinal);
    }

    // apko's own tests resolve includes from the repository root (examples) or the package directory (types tests).
    private static string WorkingDirectoryFor(string path) =>
        path.Contains(Path.Combine("pkg", "build", "types"), StringComparison.Ordinal)
            ? Fixtures.Path("apko", "pkg", "build", "types")
            : s_apkoRoot;
}
