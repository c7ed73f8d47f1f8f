using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// The minimal and base images unpacked by umoci after skopeo has selected their x86_64 image, then run with proot.
/// The image's own busybox and apk-tools check what apko installed.
/// </summary>
public sealed class BuildRootFsTests(AlpineImages images) : IAsyncLifetime
{
    private static readonly SemaphoreSlim s_unpackLock = new(1, 1);
    private static readonly Dictionary<string, TemporaryDirectory> s_unpacked = [];

    private static readonly string[] s_expectedPackages =
    [
        "alpine-baselayout", "alpine-baselayout-data", "alpine-keys", "apk-tools", "busybox", "busybox-binsh",
        "ca-certificates-bundle", "libc-utils", "libcrypto3", "libssl3", "musl", "musl-utils", "scanelf",
        "ssl_client", "zlib",
    ];

    private static readonly string[] s_basePackages =
    [
        .. s_expectedPackages, "alpine-base", "alpine-conf", "alpine-release", "busybox-mdev-openrc",
        "busybox-openrc", "busybox-suid", "ifupdown-ng", "libcap2", "mdev-conf", "openrc",
    ];

    private string RootFs => RootFsOf(ApkoProcess.MinimalConfig);

    public async ValueTask InitializeAsync()
    {
        var skopeo = ExternalTool.Require("skopeo");
        var umoci = ExternalTool.Require("umoci");
        await s_unpackLock.WaitAsync();
        try
        {
            foreach (var config in new[] { ApkoProcess.MinimalConfig, ApkoProcess.BaseConfig })
            {
                if (!s_unpacked.ContainsKey(config))
                {
                    s_unpacked[config] = await UnpackAsync(skopeo, umoci, images.LayoutOf(config));
                }
            }
        }
        finally
        {
            s_unpackLock.Release();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task RootFs_ShellPrintsOk()
    {
        var result = await RunInRootFsAsync(ApkoProcess.MinimalConfig, "/bin/sh", "-c", "echo ok");

        Assert.True(result.ExitCode == 0, $"/bin/sh in the image failed: {result}");
        Assert.True(result.Stdout == "ok\n", $"/bin/sh printed '{result.Stdout}', not 'ok'.");
    }

    [Fact]
    public async Task RootFs_ApkInfoListsExpectedPackages()
    {
        var result = await RunInRootFsAsync(ApkoProcess.MinimalConfig, "/sbin/apk", "info");

        Assert.True(result.ExitCode == 0, $"apk info failed: {result}");
        var listed = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(s_expectedPackages, listed);
    }

    [Fact]
    public async Task RootFs_BaseApkInfoListsExpectedPackages()
    {
        var result = await RunInRootFsAsync(ApkoProcess.BaseConfig, "/sbin/apk", "info");

        Assert.True(result.ExitCode == 0, $"apk info in the base image failed: {result}");
        var listed = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(s_basePackages.Order(StringComparer.Ordinal), listed);
    }

    [Theory]
    [InlineData(ApkoProcess.MinimalConfig)]
    [InlineData(ApkoProcess.BaseConfig)]
    public async Task RootFs_ApkAuditFindsNoChangedFile(string config)
    {
        var result = await RunInRootFsAsync(config, "/sbin/apk", "audit", "--system", "--check-permissions");

        Assert.True(result.ExitCode == 0, $"apk audit failed: {result}");
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // apk audit codes: upper case for files (A added, M modified, U, X…), lower case for directories.
            Assert.False(char.IsUpper(line[0]), $"apk audit reports a changed file: '{line}'.");
        }
    }

    [Fact]
    public async Task RootFs_ApkAddsAndDeletesPackages()
    {
        var skopeo = ExternalTool.Require("skopeo");
        var umoci = ExternalTool.Require("umoci");
        var proot = ExternalTool.Require("proot");
        using var unpacked = await UnpackAsync(skopeo, umoci, images.MinimalLayout);
        var rootFs = Path.Combine(unpacked.Path, "bundle", "rootfs");
        var repository = Fixtures.Path("alpine", "v3.19.1-iso");
        string[] apk =
        [
            "-w", "/", "-b", $"{repository}:/repo", "-r", rootFs,
            "/sbin/apk", "--repositories-file", "/dev/null", "--repository", "/repo", "--no-cache",
        ];

        var add = await ExternalTool.RunAsync(proot, [.. apk, "add", "busybox-suid"]);
        var delete = await ExternalTool.RunAsync(proot, [.. apk, "del", "libc-utils"]);
        var info = await ExternalTool.RunAsync(proot, [.. apk, "info"]);

        Assert.True(add.ExitCode == 0, $"apk add busybox-suid in the image failed: {add}");
        Assert.True(delete.ExitCode == 0, $"apk del libc-utils in the image failed: {delete}");
        var listed = info.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(listed.Contains("busybox-suid"), $"apk info does not list busybox-suid after apk add: {info}");
        Assert.False(listed.Contains("libc-utils"), $"apk info lists libc-utils after apk del: {info}");
    }

    [Theory]
    [InlineData("etc/apk/world")]
    [InlineData("etc/apk/arch")]
    [InlineData("etc/passwd")]
    public void RootFs_HasApkAndAccountFiles(string path)
    {
        Assert.True(File.Exists(Path.Combine(RootFs, path)), $"'/{path}' is missing from the image.");
    }

    [Theory]
    [InlineData("bin/sh")]
    [InlineData("bin/ls")]
    [InlineData("bin/cat")]
    [InlineData("sbin/ifconfig")]
    [InlineData("usr/bin/env")]
    public void RootFs_BusyboxLinkPointsToBusybox(string path)
    {
        var info = new FileInfo(Path.Combine(RootFs, path));

        Assert.True(info.LinkTarget is not null, $"'/{path}' is not a symlink.");
        Assert.True(info.LinkTarget == "/bin/busybox", $"'/{path}' points to '{info.LinkTarget}', not '/bin/busybox'.");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void RootFs_BusyboxKeepsPackageMode()
    {
        var package = ApkPackageFile.Read("busybox-1.36.1-r15.apk", "bin/busybox");

        var mode = File.GetUnixFileMode(Path.Combine(RootFs, "bin", "busybox"));

        Assert.True(mode == package.Mode, $"/bin/busybox has mode {mode}, the package declares {package.Mode}.");
    }

    private static string RootFsOf(string config) => Path.Combine(s_unpacked[config].Path, "bundle", "rootfs");

    private static Task<ToolResult> RunInRootFsAsync(string config, params string[] command)
    {
        var proot = ExternalTool.Require("proot");
        return ExternalTool.RunAsync(proot, ["-w", "/", "-r", RootFsOf(config), .. command]);
    }

    private static async Task<TemporaryDirectory> UnpackAsync(string skopeo, string umoci, string layout)
    {
        var directory = new TemporaryDirectory();
        var single = directory.Combine("single");
        var copy = await ExternalTool.RunAsync(skopeo, ["copy", $"oci:{layout}:test", $"oci:{single}:test"]);
        Assert.True(copy.ExitCode == 0, $"skopeo copy failed: {copy}");
        var unpack = await ExternalTool.RunAsync(
            umoci, ["unpack", "--rootless", "--image", $"{single}:test", directory.Combine("bundle")]);
        Assert.True(unpack.ExitCode == 0, $"umoci unpack --rootless failed: {unpack}");
        return directory;
    }
}
