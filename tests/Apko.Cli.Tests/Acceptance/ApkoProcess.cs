using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// Runs the built <c>apko</c> executable as a child process. Apko.Cli.Tests references Apko.Cli, so the CLI's
/// <c>apko.dll</c> and its apphost are copied next to the test assembly.
/// </summary>
internal static class ApkoProcess
{
    /// <summary>The directory of Alpine fixtures the offline configs are relative to.</summary>
    public static string AlpineDirectory => Fixtures.Path("alpine");

    /// <summary>The minimal Alpine 3.19.1 config, relative to <see cref="AlpineDirectory"/>.</summary>
    public const string MinimalConfig = "apko-alpine-3.19.1-minimal.yaml";

    /// <summary>The base Alpine 3.19.1 config, relative to <see cref="AlpineDirectory"/>.</summary>
    public const string BaseConfig = "apko-alpine-3.19.1-base.yaml";

    /// <summary>
    /// Runs <c>apko</c> with the arguments. SOURCE_DATE_EPOCH is blank (unset for apko) unless the environment
    /// sets it, so the host's value never leaks into a test.
    /// </summary>
    public static Task<ToolResult> RunAsync(
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var apphost = Path.Combine(AppContext.BaseDirectory, "apko");
        if (File.Exists(apphost))
        {
            return ExternalTool.RunAsync(apphost, arguments, workingDirectory, env, TimeSpan.FromMinutes(3));
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "apko.dll");
        return ExternalTool.RunAsync("dotnet", [dll, .. arguments], workingDirectory, env, TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// Builds an Alpine fixture config offline into <paramref name="output"/> with a cache and SBOM directory inside
    /// <paramref name="scratch"/>, and fails the test unless apko exits 0.
    /// </summary>
    public static async Task<ToolResult> BuildAlpineAsync(
        string config,
        string output,
        TemporaryDirectory scratch,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] arguments =
        [
            "build", "-C", AlpineDirectory, config, "alpine:test", output,
            "--cache-dir", scratch.Combine("cache"), "--sbom-path", scratch.CreateDirectory("sbom"),
        ];
        var result = await RunAsync(arguments, scratch.Path, environment);
        Assert.True(result.ExitCode == 0, $"apko build {config} {output} failed: {result}");
        return result;
    }
}
