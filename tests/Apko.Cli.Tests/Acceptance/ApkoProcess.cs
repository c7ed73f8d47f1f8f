using System.Diagnostics;
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
    /// Runs <c>apko</c> with the arguments and environment additions. SOURCE_DATE_EPOCH is removed from the child's
    /// environment unless the additions set it, so the host's value never reaches a test. It is removed, not
    /// blanked, because apko reads a blank value differently from an unset one.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"apko {string.Join(' ', arguments)} timed out after 3 minutes.");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts <c>apko</c> with redirected output and returns the process, for tests that act on it while it runs.
    /// SOURCE_DATE_EPOCH is handled as in <see cref="RunAsync"/>.
    /// </summary>
    public static Process Start(
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "apko");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet");
        if (!File.Exists(apphost))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "apko.dll"));
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SOURCE_DATE_EPOCH");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
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
