using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// Relative paths given to <c>apko build</c> resolve against <c>-C</c>, because apko changes directory first.
/// </summary>
public sealed class BuildPathTests
{
    [Theory]
    [InlineData("image.tar")]
    [InlineData("sbom")]
    public async Task Build_RelativePathsResolveAgainstWorkdir(string name)
    {
        using var workdir = new TemporaryDirectory();
        using var current = new TemporaryDirectory();
        var config = $"""
            contents:
              keyring:
                - {Fixtures.Path("alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")}
              repositories:
                - {Fixtures.Path("alpine", "v3.19.1-iso")}
              packages:
                - busybox
            archs: [x86_64]
            """;
        File.WriteAllText(workdir.Combine("busybox.yaml"), config);
        string[] arguments =
        [
            "build", "-C", workdir.Path, "busybox.yaml", "busybox:test", "image.tar",
            "--sbom-path", "sbom", "--cache-dir", workdir.Combine("cache"),
        ];

        var result = await ApkoProcess.RunAsync(arguments, current.Path);

        Assert.True(result.ExitCode == 0, $"apko build -C failed: {result}");
        Assert.True(Path.Exists(workdir.Combine(name)), $"'{name}' was not written in the -C directory.");
        Assert.False(Path.Exists(current.Combine(name)), $"'{name}' was written in the current directory.");
    }
}
