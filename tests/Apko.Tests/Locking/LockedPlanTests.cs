using System.Text;
using Apko.Build;
using Apko.Locking;
using Microsoft.Extensions.Logging;

namespace Apko.Tests.Locking;

public sealed class LockedPlanTests
{
    private const string ReplayoutChecksum = "1/HhSewwwOXgl0r0ffb0O0BRtYc=";
    private const string GoldenChecksum = "sha256-eal7+HCFuOLz/8m3vNO5cYyNK0Zw7AphCcsc76TbTXg=";

    private static string GoldenText => File.ReadAllText(LockWorkspace.GoldenLockPath);

    [Fact]
    public async Task Build_GoldenLock_InstallsExactlyLockedPackages()
    {
        using var workspace = new LockWorkspace();
        var locked = await LockFileReader.ReadAsync(
            LockWorkspace.GoldenLockPath, TestContext.Current.CancellationToken);

        var result = await BuildAsync(workspace, LockedOptions(workspace, LockWorkspace.GoldenLockPath));

        Assert.Equal(2, result.RootFileSystems.Count);
        foreach (var rootfs in result.RootFileSystems)
        {
            var arch = rootfs.Plan.Architecture.ApkName;
            Assert.Equal(
                locked.Contents.Packages
                    .Where(p => p.Architecture == arch)
                    .Select(p => $"{p.Name}-{p.Version} {p.Checksum}"),
                rootfs.Database.Packages.Select(p => $"{p.Package.Name}-{p.Package.Version} {p.Package.Checksum}"));
        }
    }

    [Fact]
    public async Task Build_GoldenLock_MatchesResolvedBuild()
    {
        using var workspace = new LockWorkspace();

        var resolved = await BuildAsync(workspace, Sbomless(workspace.GoldenOptions), "resolved");
        var locked = await BuildAsync(workspace, LockedOptions(workspace, LockWorkspace.GoldenLockPath), "locked");

        Assert.Equal(resolved.Index.Index.Descriptor.Digest, locked.Index.Index.Descriptor.Digest);
    }

    [Fact]
    public async Task Build_CrlfConfigCopy_LockIsNotStale()
    {
        using var workspace = new LockWorkspace();
        var lf = await File.ReadAllTextAsync(
            Apko.Testing.Fixtures.Path("apko", "internal", "cli", "testdata", "apko.yaml"),
            TestContext.Current.CancellationToken);
        var crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);
        var config = workspace.Write("apko.yaml", Encoding.UTF8.GetBytes(crlf));
        var options = LockedOptions(workspace, LockWorkspace.GoldenLockPath) with { ConfigurationPath = config };

        var result = await BuildAsync(workspace, options);

        Assert.Equal(4, result.RootFileSystems.Sum(r => r.Database.Packages.Count));
    }

    [Fact]
    public async Task Build_ApkoRawCrlfChecksum_IsNotStale()
    {
        using var workspace = new LockWorkspace();
        var lf = await File.ReadAllTextAsync(
            Apko.Testing.Fixtures.Path("apko", "internal", "cli", "testdata", "apko.yaml"),
            TestContext.Current.CancellationToken);
        var crlf = Encoding.UTF8.GetBytes(lf.Replace("\n", "\r\n", StringComparison.Ordinal));
        var config = workspace.Write("apko.yaml", crlf);
        var rawChecksum = "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(crlf));
        var lockPath = workspace.Write(
            "raw.lock.json", Encoding.UTF8.GetBytes(Replace(GoldenText, GoldenChecksum, rawChecksum)));
        var options = LockedOptions(workspace, lockPath) with { ConfigurationPath = config };

        var result = await BuildAsync(workspace, options);

        Assert.Equal(2, result.RootFileSystems.Count);
    }

    [Fact]
    public async Task Build_PackageAppendWithLock_IsRejected()
    {
        using var workspace = new LockWorkspace();
        var options = LockedOptions(workspace, LockWorkspace.GoldenLockPath) with { ExtraPackages = ["busybox"] };

        var error = await Assert.ThrowsAsync<ApkoException>(() => BuildAsync(workspace, options));

        Assert.Equal("APKO6517", error.Code);
        Assert.Contains("'busybox'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_LockWithoutConfig_WarnsAndBuilds()
    {
        using var workspace = new LockWorkspace();
        var start = GoldenText.IndexOf("  \"config\": {", StringComparison.Ordinal);
        var end = GoldenText.IndexOf("  \"contents\"", StringComparison.Ordinal);
        var path = workspace.Write("nocfg.lock.json", Encoding.UTF8.GetBytes(GoldenText[..start] + GoldenText[end..]));
        var logger = new RecordingLogger();

        var result = await BuildAsync(workspace, LockedOptions(workspace, path) with { Logger = logger });

        Assert.Equal(2, result.RootFileSystems.Count);
        Assert.Contains(
            logger.Entries,
            e => e.Level == LogLevel.Warning && e.Message.Contains(path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stale-config", "APKO6510", "is stale")]
    [InlineData("package-checksum", "APKO6514", "'replayout-1.0.0-r0 (x86_64)'")]
    [InlineData("data-checksum", "APKO6514", "'replayout-1.0.0-r0 (aarch64)'")]
    [InlineData("signature-checksum", "APKO6514", "'pretend-baselayout-1.0.0-r0 (x86_64)'")]
    [InlineData("missing-package", "APKO6513", "'replayout-9.9.9-r0 (x86_64)'")]
    [InlineData("bad-url", "APKO6512", "'replayout-1.0.0-r0 (aarch64)'")]
    public async Task Build_BadLock_FailsNamingEntryAndWritesNothing(string variant, string code, string expected)
    {
        using var workspace = new LockWorkspace();
        var path = workspace.Write(variant + ".lock.json", Encoding.UTF8.GetBytes(Alter(GoldenText, variant)));

        var options = LockedOptions(workspace, path);

        var error = await Assert.ThrowsAsync<ApkoException>(() => BuildAsync(workspace, options));

        Assert.Equal(code, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(workspace.Path("out")));
        Assert.False(Directory.Exists(workspace.Path("sbom")), "No SBOM directory is created on failure.");
    }

    [Fact]
    public async Task Build_UnlockedArchitecture_FailsNamingIt()
    {
        using var workspace = new LockWorkspace();
        var options = LockedOptions(workspace, LockWorkspace.GoldenLockPath) with { Architectures = ["riscv64"] };

        var error = await Assert.ThrowsAsync<ApkoException>(() => BuildAsync(workspace, options));

        Assert.Equal("APKO6511", error.Code);
        Assert.Contains("'riscv64'", error.Message, StringComparison.Ordinal);
    }

    private static string Alter(string golden, string variant) => variant switch
    {
        "stale-config" => Replace(golden, GoldenChecksum, "sha256-AAAAAAAAAAAA/8m3vNO5cYyNK0Zw7AphCcsc76TbTXg="),
        "package-checksum" => Replace(
            Replace(golden, "Q1" + ReplayoutChecksum, "Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            "sha1-" + ReplayoutChecksum,
            "sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        "data-checksum" => Replace(
            golden,
            "sha256-IMtgng48z5PaYwqYWLrGUKoaZUHFmigOnKRJ7KcmTQo=",
            "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        "signature-checksum" => Replace(
            golden, "sha1-S+THz+JYZxcNzNCw2jI9YlnDnE4=", "sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        "missing-package" => Replace(
            golden,
            "x86_64/replayout-1.0.0-r0.apk\",\n        \"version\": \"1.0.0-r0\"",
            "x86_64/replayout-9.9.9-r0.apk\",\n        \"version\": \"9.9.9-r0\""),
        "bad-url" => Replace(
            golden, "./testdata/packages/aarch64/replayout-1.0.0-r0.apk", "./testdata/packages/aarch64/replayout.apk"),
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    private static string Replace(string text, string find, string replacement)
    {
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, replacement, StringComparison.Ordinal);
    }

    private static BuildOptions Sbomless(BuildOptions options) => options with { Sbom = false };

    private static BuildOptions LockedOptions(LockWorkspace workspace, string lockFile) =>
        workspace.GoldenOptions with { LockFilePath = lockFile, SbomDirectory = workspace.Path("sbom") };

    private static async Task<BuildResult> BuildAsync(
        LockWorkspace workspace, BuildOptions options, string name = "out")
    {
        var output = Directory.CreateDirectory(workspace.Path(name)).FullName;
        return await ImageBuilder.BuildImageAsync(
            options, "golden:latest", output, LockWorkspace.HttpClient, TestContext.Current.CancellationToken);
    }
}
