using Apko.Build;
using Apko.Locking;
using Apko.Testing;

namespace Apko.Tests.Locking;

/// <summary>Locks and builds the minimal Alpine 3.19.1 image from real Alpine packages, fully offline.</summary>
public sealed class LockedAlpineBuildTests
{
    [Fact]
    public async Task Build_AlpineMinimalLock_MatchesResolvedBuild()
    {
        using var workspace = new LockWorkspace();
        var options = workspace.GoldenOptions with
        {
            ConfigurationPath = "apko-alpine-3.19.1-minimal.yaml",
            WorkingDirectory = Fixtures.Path("alpine"),
            IncludePaths = [],
            Architectures = [],
            Sbom = false,
        };
        var lockPath = await LockGenerator.WriteAsync(
            options,
            workspace.Path("alpine.lock.json"),
            LockWorkspace.HttpClient,
            TestContext.Current.CancellationToken);
        var lockFile = await LockFileReader.ReadAsync(lockPath, TestContext.Current.CancellationToken);

        var resolved = await BuildAsync(workspace, options, "resolved");
        var locked = await BuildAsync(workspace, options with { LockFilePath = lockPath }, "locked");

        Assert.Equal(15, lockFile.Contents.Packages.Count);
        Assert.Equal(
            lockFile.Contents.Packages.Select(p => p.Name),
            locked.RootFileSystems[0].Database.Packages.Select(p => p.Package.Name));
        Assert.Equal(resolved.Index.Index.Descriptor.Digest, locked.Index.Index.Descriptor.Digest);
    }

    private static async Task<BuildResult> BuildAsync(LockWorkspace workspace, BuildOptions options, string name)
    {
        var output = Directory.CreateDirectory(workspace.Path(name)).FullName;
        return await ImageBuilder.BuildImageAsync(
            options, "alpine:3.19.1", output, LockWorkspace.HttpClient, TestContext.Current.CancellationToken);
    }
}
