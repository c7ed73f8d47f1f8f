using System.Formats.Tar;
using System.Security.Cryptography;
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
        var reference = string.Format(
            System.Globalization.CultureInfo.InvariantCulture, transport, images.MinimalTarball);

        var result = await ExternalTool.RunAsync(skopeo, ["inspect", reference]);

        Assert.True(result.ExitCode == 0, $"skopeo inspect {reference} failed: {result}");
        Assert.True(
            result.Stdout.Contains("\"Architecture\": \"amd64\"", StringComparison.Ordinal),
            $"No amd64: {result}");
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

        var run = await podman.RunAsync(
            "run", "--rm", "--network=none", "localhost/alpine:test", "/bin/sh", "-c", "echo ok");
        Assert.True(run.ExitCode == 0, $"podman run failed: {run}");
        Assert.True(run.Stdout == "ok\n", $"podman run printed '{run.Stdout}', not 'ok'.");
    }

    [Fact]
    public async Task Build_TarballHoldsTheLayoutsImageIndex()
    {
        using var scratch = new TemporaryDirectory();
        var extracted = scratch.CreateDirectory("extracted");

        await TarFile.ExtractToDirectoryAsync(
            images.MinimalTarball, extracted, overwriteFiles: false, TestContext.Current.CancellationToken);

        var fromTarball = new OciLayoutReader(extracted).ReadImageIndexDigest();
        var fromLayout = new OciLayoutReader(images.MinimalLayout).ReadImageIndexDigest();
        Assert.True(fromTarball == fromLayout, $"The tarball holds index '{fromTarball}', the layout '{fromLayout}'.");
    }

    [Fact]
    public async Task Build_TarballIsSameBytesTwice()
    {
        using var scratch = new TemporaryDirectory();
        var output = scratch.Combine("again.tar");

        await ApkoProcess.BuildAlpineAsync(ApkoProcess.MinimalConfig, output, scratch);

        var first = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(images.MinimalTarball)));
        var second = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output)));
        Assert.True(first == second, $"Two builds of the tarball hash to '{first}' and '{second}'.");
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task Build_MultiArchTarballTagsEachArchitecture(string architecture)
    {
        var skopeo = ExternalTool.Require("skopeo");
        using var scratch = new TemporaryDirectory();
        var output = scratch.Combine("golden.tar");
        string[] arguments =
        [
            "build", "testdata/apko.yaml", "golden:latest", output, "--arch", "x86_64,aarch64", "--vcs=false",
            "--cache-dir", scratch.Combine("cache"), "--sbom-path", scratch.CreateDirectory("sbom"),
        ];
        var build = await ApkoProcess.RunAsync(arguments, Fixtures.Path("apko", "internal", "cli"));
        Assert.True(build.ExitCode == 0, $"apko build of apko's golden config to a tarball failed: {build}");

        var reference = $"docker-archive:{output}:golden:latest-{architecture}";
        var inspect = await ExternalTool.RunAsync(skopeo, ["inspect", reference]);

        Assert.True(inspect.ExitCode == 0, $"skopeo inspect of golden:latest-{architecture} failed: {inspect}");
        Assert.True(
            inspect.Stdout.Contains($"\"Architecture\": \"{architecture}\"", StringComparison.Ordinal),
            $"golden:latest-{architecture} is not {architecture}: {inspect}");
    }
}
