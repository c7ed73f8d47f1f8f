using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// The image of <see cref="BuildRuntimeConfigTests"/>, built to a tarball and loaded into a test-local podman
/// store once, on first use, so a missing podman skips the tests instead of failing the fixture.
/// </summary>
public sealed class RuntimeImage : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Podman? _podman;

    /// <summary>Builds and loads the image on the first call and returns the podman store that contains it.</summary>
    internal async Task<Podman> LoadAsync()
    {
        var program = ExternalTool.Require("podman");
        ExternalTool.Require("runc");
        await _lock.WaitAsync();
        try
        {
            _podman ??= await BuildAndLoadAsync(program);
            return _podman;
        }
        finally
        {
            _lock.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _scratch.Dispose();
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Podman> BuildAndLoadAsync(string program)
    {
        var config = _scratch.Combine("app.yaml");
        File.WriteAllText(config, BuildRuntimeConfigTests.Config());
        var tarball = _scratch.Combine("app.tar");
        string[] arguments =
        [
            "build", config, "app:test", tarball,
            "--sbom-path", _scratch.CreateDirectory("sbom"), "--cache-dir", _scratch.Combine("cache"),
        ];
        var build = await ApkoProcess.RunAsync(arguments, _scratch.Path);
        Assert.True(build.ExitCode == 0, $"apko build of the runtime config failed: {build}");

        var podman = new Podman(program, _scratch);
        var load = await podman.RunAsync("load", "-i", tarball);
        Assert.True(load.ExitCode == 0, $"podman load failed: {load}");
        return podman;
    }
}
