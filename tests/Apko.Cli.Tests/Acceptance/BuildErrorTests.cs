using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// <c>apko build</c> on bad input. It exits with 1, prints a message naming the problem and writes nothing to the
/// output. A usage error exits with 2.
/// </summary>
public sealed class BuildErrorTests
{
    private const string KeyFile = "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub";

    public static TheoryData<string, string> FailingConfigs => new()
    {
        { "missing", "missing.yaml" },
        { "bad-yaml", "bad-yaml.yaml:" },
        { "no-keyring", KeyFile },
        { "no-keyring", "-k" },
        { "unknown-package", "no-such-package (no such package)" },
    };

    [Theory]
    [MemberData(nameof(FailingConfigs))]
    public async Task Build_BadConfigFailsNamingProblem(string config, string expected)
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.CreateDirectory("out");

        var result = await BuildAsync(scratch, config, output);

        Assert.True(result.ExitCode == 1, $"apko build of '{config}' did not exit with 1: {result}");
        Assert.True(
            result.Stderr.Contains(expected, StringComparison.Ordinal),
            $"The error does not name '{expected}': {result}");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("bad-yaml")]
    [InlineData("no-keyring")]
    [InlineData("unknown-package")]
    public async Task Build_BadConfigLeavesLayoutEmpty(string config)
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.CreateDirectory("out");

        await BuildAsync(scratch, config, output);

        var left = Directory.EnumerateFileSystemEntries(output).ToList();
        Assert.True(left.Count == 0, $"apko build of '{config}' left '{string.Join("', '", left)}' in the output.");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("bad-yaml")]
    [InlineData("no-keyring")]
    [InlineData("unknown-package")]
    public async Task Build_BadConfigWritesNoTarball(string config)
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.Combine("image.tar");

        await BuildAsync(scratch, config, output);

        var left = Directory.EnumerateFileSystemEntries(scratch.Path, "image.tar*").ToList();
        Assert.True(left.Count == 0, $"apko build of '{config}' left '{string.Join("', '", left)}'.");
    }

    [Fact]
    public async Task Build_InvalidTagFailsNamingIt()
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.CreateDirectory("out");
        string[] arguments =
        [
            "build", "-C", ApkoProcess.AlpineDirectory, ApkoProcess.MinimalConfig, "BAD TAG!!", output,
            "--cache-dir", scratch.Combine("cache"), "--sbom-path", scratch.CreateDirectory("sbom"),
        ];

        var result = await ApkoProcess.RunAsync(arguments, scratch.Path);

        Assert.True(result.ExitCode == 2, $"apko build with tag 'BAD TAG!!' did not exit with 2: {result}");
        Assert.True(
            result.Stderr.Contains("'BAD TAG!!'", StringComparison.Ordinal),
            $"The error does not name the tag: {result}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Theory]
    [InlineData("no arguments", new string[] { "build" })]
    [InlineData("unknown flag", new[] { "build", "c.yaml", "a:b", "out", "--no-such-flag" })]
    [InlineData("bad annotation", new[] { "build", "c.yaml", "a:b", "out", "--annotations", "novalue" })]
    [InlineData("bad build date", new[] { "build", "c.yaml", "a:b", "out", "--build-date", "yesterday" })]
    public async Task Build_UsageErrorExitsWithTwo(string reason, string[] arguments)
    {
        using var scratch = new TemporaryDirectory();

        var result = await ApkoProcess.RunAsync(arguments, scratch.Path);

        Assert.True(result.ExitCode == 2, $"apko {reason} did not exit with 2: {result}");
    }

    [Theory]
    [InlineData("<tag>")]
    [InlineData("<output>")]
    public async Task Build_MissingArgumentIsNamed(string argument)
    {
        using var scratch = new TemporaryDirectory();

        var result = await ApkoProcess.RunAsync(["build", "c.yaml"], scratch.Path);

        Assert.True(result.ExitCode == 2, $"apko build without a tag and output did not exit with 2: {result}");
        Assert.True(
            result.Stderr.Contains(argument, StringComparison.Ordinal),
            $"The error does not name {argument}: {result}");
    }

    [Fact]
    public async Task Build_BadSourceDateEpochExitsWithTwo()
    {
        using var scratch = new TemporaryDirectory();
        var environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "last-tuesday" };

        var result = await ApkoProcess.RunAsync(["build", "c.yaml", "a:b", "out"], scratch.Path, environment);

        Assert.True(result.ExitCode == 2, $"apko with a bad SOURCE_DATE_EPOCH did not exit with 2: {result}");
        Assert.True(
            result.Stderr.Contains("last-tuesday", StringComparison.Ordinal),
            $"The error does not name the value: {result}");
    }

    private static Task<ToolResult> BuildAsync(TemporaryDirectory scratch, string config, string output)
    {
        var path = WriteConfig(scratch, config);
        string[] arguments = ["build", path, "alpine:test", output, "--cache-dir", scratch.Combine("cache")];
        return ApkoProcess.RunAsync(arguments, scratch.Path);
    }

    private static string WriteConfig(TemporaryDirectory scratch, string config)
    {
        var path = scratch.Combine(config + ".yaml");
        var repository = Fixtures.Path("alpine", "v3.19.1-iso");
        var keyring = $"  keyring:\n    - {Fixtures.Path("alpine", "keys", KeyFile)}\n";
        var text = config switch
        {
            "missing" => null,
            "bad-yaml" => "contents: [\n  packages\narchs: x86_64\n",
            "no-keyring" =>
                $"contents:\n  repositories:\n    - {repository}\n  packages:\n    - busybox\narchs: [x86_64]\n",
            "unknown-package" =>
                $"contents:\n{keyring}  repositories:\n    - {repository}\n" +
                "  packages:\n    - busybox\n    - no-such-package\narchs: [x86_64]\n",
            _ => throw new ArgumentException($"No config case '{config}'.", nameof(config)),
        };
        if (text is not null)
        {
            File.WriteAllText(path, text);
        }

        return path;
    }
}
