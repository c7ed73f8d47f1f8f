using System.Diagnostics;
using System.Text;
using Apko.Testing;
using Apko.Testing.Http;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>Stops a build with a signal while it waits for a repository on 127.0.0.1.</summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Build_Signal_ExitsWithSignalCode(string signal, int expected)
    {
        await using var server = TestHttpServer.Start();
        server.Serve("/repo", Fixtures.Path("alpine", "v3.19.1-iso"));
        server.ResponseDelay = TimeSpan.FromMinutes(2);
        var scratch = Directory.CreateTempSubdirectory("apko-signal-").FullName;
        var key = Fixtures.Path("alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub");
        var config = Path.Combine(scratch, "app.yaml");
        File.WriteAllText(
            config,
            $"contents:\n  keyring:\n    - {key}\n  repositories:\n    - {server.Url("/repo")}\n"
            + "  packages:\n    - alpine-base\narchs:\n  - x86_64\n",
            Encoding.UTF8);
        var output = Path.Combine(scratch, "out.tar");

        using var process = ApkoProcess.Start(
            ["build", config, "app:1", output, "--cache-dir", Path.Combine(scratch, "cache"), "--sbom=false"]);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitForRequestAsync(server);
        var pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", [$"-{signal}", pid]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        await stdout;
        Assert.Equal(expected, process.ExitCode);
        Assert.Contains("cancelled", await stderr);
        Assert.False(File.Exists(output));
    }

    /// <summary>Waits until the build has sent a request to the server, so the signal arrives mid-build.</summary>
    private static async Task WaitForRequestAsync(TestHttpServer server)
    {
        for (var attempt = 0; attempt < 300 && server.MaxConcurrentRequests == 0; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.NotEqual(0, server.MaxConcurrentRequests);
    }
}
