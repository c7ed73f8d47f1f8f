using System.Text;
using Apko.Apk;
using Apko.Build;
using Apko.Locking;
using Apko.Testing;
using Apko.Testing.Http;
using Apko.Tests.Locking;

namespace Apko.Tests.Build;

/// <summary>Plans builds against an Alpine index served on 127.0.0.1 whose cached copy gets damaged.</summary>
public sealed class RemoteIndexTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lock_DamagedCachedIndex_RefetchedByUrl()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        server.Serve("/repo", Fixtures.Path("alpine", "v3.19.1-iso"));
        var options = Options(workspace, WriteConfig(workspace, server.Url("/repo")));
        await LockGenerator.GenerateAsync(options, LockWorkspace.HttpClient, Token);
        var cached = Assert.Single(CachedIndexes(workspace));
        File.WriteAllBytes(cached, File.ReadAllBytes(cached)[..1000]);

        var error = await Assert.ThrowsAsync<ApkException>(
            () => LockGenerator.GenerateAsync(options, LockWorkspace.HttpClient, Token));
        var evicted = CachedIndexes(workspace);
        var relocked = await LockGenerator.GenerateAsync(options, LockWorkspace.HttpClient, Token);

        Assert.StartsWith(server.Url("/repo/x86_64/APKINDEX.tar.gz") + ": ", error.Message);
        Assert.Empty(evicted);
        Assert.Equal(25, relocked.Contents.Packages.Count);
    }

    private static string[] CachedIndexes(LockWorkspace workspace) =>
        Directory.GetFiles(workspace.Path("cache"), "APKINDEX.tar.gz", SearchOption.AllDirectories);

    private static string WriteConfig(LockWorkspace workspace, string repository)
    {
        var key = Fixtures.Path("alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub");
        var yaml = $"contents:\n  keyring:\n    - {key}\n  repositories:\n    - \"{repository}\"\n"
            + "  packages:\n    - alpine-base\narchs:\n  - x86_64\n";
        return workspace.Write("app.yaml", Encoding.UTF8.GetBytes(yaml));
    }

    private static BuildOptions Options(LockWorkspace workspace, string config) => workspace.GoldenOptions with
    {
        ConfigurationPath = config,
        WorkingDirectory = workspace.Root,
        IncludePaths = [],
        Architectures = [],
        Offline = false,
    };
}
