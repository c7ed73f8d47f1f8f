[assembly: AssemblyFixture(typeof(Apko.Cli.Tests.Acceptance.AlpineImages))]

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// The Alpine fixture images, built once for the whole test assembly: the minimal and base configs as OCI layouts
/// and the minimal config as a tarball. Tests read them and never change them.
/// </summary>
public sealed class AlpineImages : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new();

    /// <summary>The OCI layout of the minimal config.</summary>
    public string MinimalLayout => _scratch.Combine("minimal");

    /// <summary>The OCI layout of the base config.</summary>
    public string BaseLayout => _scratch.Combine("base");

    /// <summary>The tarball of the minimal config.</summary>
    public string MinimalTarball => _scratch.Combine("minimal.tar");

    /// <summary>Returns the layout built from a config file name.</summary>
    public string LayoutOf(string config) => config == ApkoProcess.BaseConfig ? BaseLayout : MinimalLayout;

    public async ValueTask InitializeAsync()
    {
        _scratch.CreateDirectory("minimal");
        _scratch.CreateDirectory("base");
        await Task.WhenAll(
            BuildAsync(ApkoProcess.MinimalConfig, MinimalLayout, "one"),
            BuildAsync(ApkoProcess.BaseConfig, BaseLayout, "two"),
            BuildAsync(ApkoProcess.MinimalConfig, MinimalTarball, "three"));
    }

    public ValueTask DisposeAsync()
    {
        _scratch.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task BuildAsync(string config, string output, string name)
    {
        string[] arguments =
        [
            "build", "-C", ApkoProcess.AlpineDirectory, config, "alpine:test", output,
            "--cache-dir", _scratch.Combine(name, "cache"), "--sbom-path", _scratch.CreateDirectory(name, "sbom"),
        ];
        var result = await ApkoProcess.RunAsync(arguments, _scratch.Path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"apko build {config} {output} failed: {result}");
        }
    }
}
