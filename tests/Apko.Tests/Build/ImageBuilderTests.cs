using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build;
using Apko.Oci.Layout;

namespace Apko.Tests.Build;

public sealed class ImageBuilderTests
{
    private static readonly string[] s_minimalPackages =
    [
        "alpine-baselayout", "alpine-baselayout-data", "alpine-keys", "apk-tools", "busybox", "busybox-binsh",
        "ca-certificates-bundle", "libc-utils", "libcrypto3", "libssl3", "musl", "musl-utils", "scanelf",
        "ssl_client", "zlib",
    ];

    [Fact]
    public async Task BuildImage_MinimalAlpineLayoutIsValid()
    {
        using var fixture = new BuildFixture();

        var result = await ImageBuilder.BuildImageAsync(
            fixture.Options("apko-alpine-3.19.1-minimal.yaml"), "alpine:test", fixture.Output, new HttpClient(), CancellationToken.None);

        var problems = await OciLayoutValidator.ValidateAsync(fixture.Output, CancellationToken.None);
        Assert.Empty(problems);
        var rootfs = Assert.Single(result.RootFileSystems);
        Assert.Equal(s_minimalPackages, rootfs.Database.Packages.Select(p => p.Package.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["sbom-index.spdx.json", "sbom-x86_64.spdx.json"], result.SbomFiles.Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task BuildImage_WritesApkFilesAndAppletLinks()
    {
        using var fixture = new BuildFixture();

        var result = await ImageBuilder.BuildImageAsync(
            fixture.Options("apko-alpine-3.19.1-minimal.yaml"), "alpine:test", fixture.Output, new HttpClient(), CancellationToken.None);

        var fileSystem = result.RootFileSystems[0].FileSystem;
        var world = await ReadTextAsync(fileSystem, "etc/apk/world");
        Assert.Contains("busybox=1.36.1-r15\n", world);
        Assert.Equal(15, world.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("x86_64\n", await ReadTextAsync(fileSystem, "etc/apk/arch"));
        Assert.Equal("./v3.19.1-iso\n", await ReadTextAsync(fileSystem, "etc/apk/repositories"));
        Assert.Equal("/bin/busybox", fileSystem.Lstat("bin/ls")?.LinkTarget);
        Assert.Equal(FileNodeType.RegularFile, fileSystem.Stat("lib/apk/db/installed")?.Type);
        Assert.Equal(FileNodeType.CharacterDevice, fileSystem.Lstat("dev/null")?.Type);
        Assert.Equal((UnixFileMode)0x3FF, fileSystem.Lstat("tmp")!.Mode);
    }

    [Fact]
    public async Task BuildImage_CreatedIsNewestPackageBuildTime()
    {
        using var fixture = new BuildFixture();

        var result = await ImageBuilder.BuildImageAsync(
            fixture.Options("apko-alpine-3.19.1-minimal.yaml"), "alpine:test", fixture.Output, new HttpClient(), CancellationToken.None);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1706233893), result.RootFileSystems[0].BuildEpoch);
    }

    [Fact]
    public async Task BuildImage_SourceDateEpochSetsCreated()
    {
        using var fixture = new BuildFixture();
        var options = fixture.Options("apko-alpine-3.19.1-minimal.yaml") with
        {
            SourceDateEpoch = DateTimeOffset.FromUnixTimeSeconds(1700000000),
        };

        var result = await ImageBuilder.BuildImageAsync(options, "alpine:test", fixture.Output, new HttpClient(), CancellationToken.None);

        var config = Encoding.UTF8.GetString(result.Index.Images[0].Config.Content);
        Assert.Contains("\"created\":\"2023-11-14T22:13:20Z\"", config);
    }

    [Fact]
    public async Task BuildImage_SameDigestAcrossDirectoriesAndParallelism()
    {
        using var first = new BuildFixture();
        using var second = new BuildFixture();

        var a = await ImageBuilder.BuildImageAsync(
            first.Options("apko-alpine-3.19.1-minimal.yaml") with { MaxParallelism = 1 },
            "alpine:test", first.Output, new HttpClient(), CancellationToken.None);
        var b = await ImageBuilder.BuildImageAsync(
            second.Options("apko-alpine-3.19.1-minimal.yaml") with { MaxParallelism = 4 },
            "alpine:test", second.Output, new HttpClient(), CancellationToken.None);

        Assert.Equal(a.Index.Index.Descriptor.Digest, b.Index.Index.Descriptor.Digest);
    }

    [Fact]
    public async Task BuildImage_FailureLeavesNoOutput()
    {
        using var fixture = new BuildFixture();
        var configuration = fixture.WriteConfiguration(BuildFixture.AlpineContents("busybox", "no-such-package"));
        var tarball = Path.Combine(fixture.Root, "image.tar");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ImageBuilder.BuildImageAsync(
            fixture.Options(configuration), "alpine:test", tarball, new HttpClient(), CancellationToken.None));

        Assert.Contains("no-such-package", error.Message);
        Assert.False(File.Exists(tarball), "tarball written after a failure");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(fixture.Root, "tmp")));
    }

    [Fact]
    public async Task BuildImage_AccountsAndPaths()
    {
        using var fixture = new BuildFixture();
        var configuration = fixture.WriteConfiguration(BuildFixture.AlpineContents("busybox") + """
            accounts:
              run-as: app
              users:
                - username: app
                  uid: 1000
              groups:
                - groupname: app
                  gid: 1000
                  members: [app]
            paths:
              - path: /srv/data
                type: directory
                uid: 1000
                gid: 1000
                permissions: 0o2750
              - path: /srv/link
                type: symlink
                source: /does/not/exist
            """);

        var result = await ImageBuilder.BuildImageAsync(
            fixture.Options(configuration), "app:test", fixture.Output, new HttpClient(), CancellationToken.None);

        var fileSystem = result.RootFileSystems[0].FileSystem;
        Assert.Contains("app:x:1000:1000:Account created by apko:/home/app:/bin/sh\n", await ReadTextAsync(fileSystem, "etc/passwd"));
        Assert.Contains("app:x:1000:app\n", await ReadTextAsync(fileSystem, "etc/group"));
        var home = fileSystem.Lstat("home/app")!;
        Assert.Equal((1000, 1000, (UnixFileMode)0x1C0), (home.Uid, home.Gid, home.Mode));
        var data = fileSystem.Lstat("srv/data")!;
        Assert.Equal((1000, 1000, (UnixFileMode)0x5E8), (data.Uid, data.Gid, data.Mode));
        Assert.Equal("/does/not/exist", fileSystem.Lstat("srv/link")?.LinkTarget);
        Assert.Contains("\"User\":\"1000\"", Encoding.UTF8.GetString(result.Index.Images[0].Config.Content));
    }

    private static async Task<string> ReadTextAsync(ImageFileSystem fileSystem, string path) =>
        Encoding.UTF8.GetString(await fileSystem.ReadFileAsync(path, CancellationToken.None));

    [Fact]
    public async Task BuildImage_InvalidEnvironmentLeavesNoOutput()
    {
        using var fixture = new BuildFixture();
        var configuration = fixture.WriteConfiguration(BuildFixture.AlpineContents("busybox") + """
            environment:
              "A=B": x
            """);
        var tarball = Path.Combine(fixture.Root, "image.tar");

        var error = await Assert.ThrowsAsync<ApkoException>(() => ImageBuilder.BuildImageAsync(
            fixture.Options(configuration), "alpine:test", tarball, new HttpClient(), CancellationToken.None));

        Assert.Contains("'A=B'", error.Message);
        Assert.False(File.Exists(tarball), "tarball written after a failure");
    }
}
