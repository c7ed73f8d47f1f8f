using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// apko's golden build test run with our executable: apko's test config, workdir, tag, arches and annotations, and
/// apko's golden OCI layout to compare with.
/// </summary>
public sealed class GoldenBuild : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new();

    /// <summary>Our layout, built from apko's golden test config.</summary>
    internal OciLayoutReader Ours => new(_scratch.Combine("out"));

    /// <summary>apko's golden layout, <c>internal/cli/testdata/golden</c>.</summary>
    internal static OciLayoutReader Apko => new(Fixtures.Path("apko", "internal", "cli", "testdata", "golden"));

    public async ValueTask InitializeAsync()
    {
        var result = await RunAsync(_scratch.CreateDirectory("out"), _scratch);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"apko build of apko's golden config failed: {result}");
        }
    }

    /// <summary>Runs apko's golden build command into an output, with extra flags, from apko's CLI directory.</summary>
    internal static Task<ToolResult> RunAsync(string output, TemporaryDirectory scratch, params string[] flags)
    {
        string[] arguments =
        [
            "build", "testdata/apko.yaml", "golden:latest", output,
            "--arch", "x86_64,aarch64",
            "--annotations", "org.opencontainers.image.title:Title",
            "--annotations", "org.opencontainers.image.vendor:Vendor",
            "--vcs=false",
            "--cache-dir", scratch.Combine("cache"), "--sbom-path", scratch.CreateDirectory("sbom"),
            .. flags,
        ];
        return ApkoProcess.RunAsync(arguments, Fixtures.Path("apko", "internal", "cli"));
    }

    public ValueTask DisposeAsync()
    {
        _scratch.Dispose();
        return ValueTask.CompletedTask;
    }
}
