using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>The tarball that <c>apko build</c> writes when the output is a file: skopeo, podman load and run.</summary>
public sealed class BuildTarballTests(AlpineImages images)
{
    [Theory]
    [InlineData("docker-archive:{0}")]
    [InlineData("oci-archive:{0}:test")]
    public async Task Build_TarballInspectsWithSkopeo(string transport)
    {
        var skopeo = ExternalTool.Require("skopeo");
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, transport, images.MinimalTarball);

        var result = await ExternalTool.RunAsync(skopeo, ["inspect", reference]);

        Assert.True(result.ExitCode == 0, $"skopeo inspect {reference} failed: {result}");
        Assert.True(result.Stdout.Contains("\"Architecture\": \"amd64\"", StringComparison.Ordinal), $"No amd64: {result}");
    }

    [Fact]
    public async Task Build_TarballLoadsAndRunsInPodman()
    {
        var program = ExternalTool.Require("podman");
        ExternalTool.Require("runc");
        using var scratch = new TemporaryDirectory();
        var podman = new Podman(program, scratch);

        var load = await podman.RunAsync("load", "-i", images.MinimalTarball);
        Assert.True(load.ExitCode == 0, $"podman load failed: {load}");
        Assert.True(load.Stdout.Contains("localhost/alpine:test", StringComparison.Ordinal), $"No tag loaded: {load}");

        var run = await podman.RunAsync("run", "--rm", "--network=none", "localhost/alpine:test", "/bin/sh", "-c", "echo ok");
        Assert.True(run.ExitCode == 0, $"podman run failed: {run}");
        Assert.True(run.Stdout == "ok\n", $"podman run printed '{run.Stdout}', not 'ok'.");
    }
}
