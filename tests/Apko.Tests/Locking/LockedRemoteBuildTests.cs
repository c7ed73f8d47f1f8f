using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build;
using Apko.Locking;
using Apko.Testing;
using Apko.Testing.Http;

namespace Apko.Tests.Locking;

/// <summary>Locks and builds against apko's test repository served over HTTP on 127.0.0.1.</summary>
public sealed class LockedRemoteBuildTests
{
    private static readonly string s_packages = Fixtures.Path("apko", "internal", "cli", "testdata", "packages");

    [Fact]
    public async Task Lock_TaggedHttpRepository_RecordsUntaggedUrls()
    {
        await using var server = TestHttpServer.Start();
        server.Serve("/repo", s_packages);
        using var workspace = new LockWorkspace();
        var repository = server.Url("/repo");

        var lockFile = await LockGenerator.GenerateAsync(
            Options(workspace, WriteConfig(workspace, "@local " + repository)), LockWorkspace.HttpClient,
            TestContext.Current.CancellationToken);

        var name = repository["http://".Length..] + "/x86_64";
        Assert.Equal(
            [new LockRepository(name, repository + "/x86_64/APKINDEX.tar.gz", "x86_64")],
            lockFile.Contents.Repositories);
        Assert.Equal(
            [repository + "/x86_64/pretend-baselayout-1.0.0-r0.apk", repository + "/x86_64/replayout-1.0.0-r0.apk"],
            lockFile.Contents.Packages.Select(p => p.Url));
    }

    [Fact]
    public async Task Build_HttpLock_FetchesLockedUrlsWithoutIndexes()
    {
        await using var server = TestHttpServer.Start();
        server.Serve("/repo", s_packages);
        using var workspace = new LockWorkspace();
        var config = WriteConfig(workspace, "@local " + server.Url("/repo"));
        var lockPath = await LockGenerator.WriteAsync(
            Options(workspace, config), workspace.Path("app.lock.json"), LockWorkspace.HttpClient,
            TestContext.Current.CancellationToken);
        server.Reset();

        var options = Options(workspace, config) with
        {
            LockFilePath = lockPath,
            CacheDirectory = Directory.CreateDirectory(workspace.Path("cache2")).FullName,
        };
        var output = Directory.CreateDirectory(workspace.Path("out")).FullName;
        var result = await ImageBuilder.BuildImageAsync(
            options, "app:latest", output, LockWorkspace.HttpClient, TestContext.Current.CancellationToken);

        Assert.Equal(0, server.CountRequests("/repo/x86_64/APKINDEX.tar.gz"));
        Assert.Equal(1, server.CountRequests("/repo/x86_64/replayout-1.0.0-r0.apk"));
        var world = await result.RootFileSystems[0].FileSystem.ReadFileAsync(
            "etc/apk/world", TestContext.Current.CancellationToken);
        Assert.Equal(
            "pretend-baselayout@local=1.0.0-r0\nreplayout@local=1.0.0-r0\n", Encoding.UTF8.GetString(world));
    }

    private static string WriteConfig(LockWorkspace workspace, string repository)
    {
        var key = Fixtures.Path("apko", "internal", "cli", "testdata", "melange.rsa.pub");
        var yaml = $"contents:\n  keyring:\n    - {key}\n  repositories:\n    - \"{repository}\"\n"
            + "  packages:\n    - replayout@local\narchs:\n  - x86_64\n";
        return workspace.Write("app.yaml", Encoding.UTF8.GetBytes(yaml));
    }

    private static BuildOptions Options(LockWorkspace workspace, string config) => workspace.GoldenOptions with
    {
        ConfigurationPath = config,
        WorkingDirectory = workspace.Root,
        IncludePaths = [],
        Architectures = [],
        Offline = false,
        SbomDirectory = workspace.Path("sbom"),
    };
}
