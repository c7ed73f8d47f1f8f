using Apko.Configuration;
using Apko.Testing;

namespace Apko.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly string s_apkoRoot = Fixtures.Path("apko");

    public static TheoryData<string> FixtureConfigurations()
    {
        var data = new TheoryData<string>();
        var files = Directory.GetFiles(Fixtures.Path("apko", "examples"), "*.yaml")
            .Concat(Directory.GetFiles(Fixtures.Path("alpine"), "*.yaml"))
            .Concat(Directory.GetFiles(Fixtures.Path("apko", "internal", "cli", "testdata"), "*.yaml"))
            .Concat(Directory.GetFiles(
                Fixtures.Path("apko", "pkg", "build", "types", "testdata"), "*.yaml", SearchOption.AllDirectories));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Fixtures.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureConfigurations))]
    public async Task LoadAsync_FixtureLoadsOrFailsAsDocumented(string relativePath)
    {
        var path = Path.Combine(Fixtures.Root, relativePath);
        var options = new ConfigurationLoaderOptions { WorkingDirectory = WorkingDirectoryFor(path) };

        var load = ConfigurationLoader.LoadAsync(path, options, TestContext.Current.CancellationToken);

        if (Path.GetFileName(path) == "image_on_top.apko.yaml")
        {
            var exception = await Assert.ThrowsAsync<ConfigurationException>(() => load);
            Assert.Equal(ConfigurationErrorCodes.NotBuiltYet, exception.Code);
            Assert.Contains("contents.baseimage", exception.Message, StringComparison.Ordinal);
            return;
        }

        var loaded = await load;
        Assert.NotEmpty(loaded.Files);
        Assert.StartsWith("sha256-", loaded.Checksum, StringComparison.Ordinal);
    }

    // apko's own tests resolve includes from the repository root (examples) or the package directory (types tests).
    private static string WorkingDirectoryFor(string path) =>
        path.Contains(Path.Combine("pkg", "build", "types"), StringComparison.Ordinal)
            ? Fixtures.Path("apko", "pkg", "build", "types")
            : s_apkoRoot;

    [Fact]
    public async Task LoadAsync_ChecksumMatchesApkoLockFile()
    {
        var cliDirectory = Fixtures.Path("apko", "internal", "cli");
        var options = new ConfigurationLoaderOptions { WorkingDirectory = cliDirectory };

        var loaded = await ConfigurationLoader.LoadAsync(
            "testdata/apko.yaml", options, TestContext.Current.CancellationToken);

        var expected = LockFileChecksum(Fixtures.Path("apko", "internal", "cli", "testdata", "apko.lock.json"));
        Assert.Equal("sha256-eal7+HCFuOLz/8m3vNO5cYyNK0Zw7AphCcsc76TbTXg=", expected);
        Assert.Equal(expected, loaded.Checksum);
        Assert.Equal(expected, loaded.RawChecksum);
    }

    [Fact]
    public async Task LoadAsync_CrlfCopyHasSameChecksum()
    {
        using var directory = new TemporaryConfigurationDirectory();
        var original = await File.ReadAllTextAsync(
            Fixtures.Path("apko", "internal", "cli", "testdata", "apko.yaml"), TestContext.Current.CancellationToken);
        directory.Write("apko.yaml", original.Replace("\n", "\r\n", StringComparison.Ordinal));

        var loaded = await directory.LoadAsync();

        var expected = LockFileChecksum(Fixtures.Path("apko", "internal", "cli", "testdata", "apko.lock.json"));
        Assert.Equal(expected, loaded.Checksum);
        Assert.NotEqual(expected, loaded.RawChecksum);
        Assert.Equal(["replayout"], loaded.Configuration.Contents.Packages);
    }

    [Fact]
    public async Task LoadAsync_ChecksumCoversIncludedFiles()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("base.yaml", "cmd: /bin/sh\n");
        directory.Write("apko.yaml", "include: base.yaml\n");

        var loaded = await directory.LoadAsync();

        var concatenated = System.Text.Encoding.UTF8.GetBytes("include: base.yaml\ncmd: /bin/sh\n");
        var expected = "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(concatenated));
        Assert.Equal(expected, loaded.Checksum);
        Assert.Equal(
            [Path.Combine(directory.Path, "apko.yaml"), Path.Combine(directory.Path, "base.yaml")], loaded.Files);
    }

    [Fact]
    public async Task LoadAsync_GoldenConfigurationValues()
    {
        var options = new ConfigurationLoaderOptions { WorkingDirectory = Fixtures.Path("apko", "internal", "cli") };

        var config = (await ConfigurationLoader.LoadAsync(
            "testdata/apko.yaml", options, TestContext.Current.CancellationToken)).Configuration;

        Assert.Equal(["./testdata/melange.rsa.pub"], config.Contents.Keyring);
        Assert.Equal(["./testdata/packages"], config.Contents.Repositories);
        Assert.Equal("/bin/sh -l", config.Entrypoint.Command);
        Assert.Equal(["x86_64", "aarch64"], config.Archs.Select(arch => arch.ApkName));
    }

    [Fact]
    public async Task LoadAsync_OverlayFixtureMergesListsBaseFirst()
    {
        var typesDirectory = Fixtures.Path("apko", "pkg", "build", "types");
        var options = new ConfigurationLoaderOptions { WorkingDirectory = typesDirectory };

        var loaded = await ConfigurationLoader.LoadAsync(
            "testdata/overlay/overlay_with_package.apko.yaml", options, TestContext.Current.CancellationToken);

        var contents = loaded.Configuration.Contents;
        Assert.Equal(["secret repository", "other_secret repository"], contents.BuildRepositories);
        Assert.Equal(["runtime repository", "other runtime repository"], contents.RuntimeRepositories);
        Assert.Equal(["repository"], contents.Repositories);
        Assert.Equal(["key"], contents.Keyring);
        Assert.Equal(["package", "other_package"], contents.Packages);
        Assert.Equal(3, loaded.Files.Count);
    }

    [Fact]
    public async Task LoadAsync_IncludePathsFindIncludedFile()
    {
        var typesDirectory = Fixtures.Path("apko", "pkg", "build", "types");
        var options = new ConfigurationLoaderOptions { WorkingDirectory = typesDirectory, IncludePaths = ["testdata"] };

        var loaded = await ConfigurationLoader.LoadAsync(
            "overlay/overlay.apko.yaml", options, TestContext.Current.CancellationToken);

        Assert.Equal(["package"], loaded.Configuration.Contents.Packages);
        Assert.Equal(["secret repository"], loaded.Configuration.Contents.BuildRepositories);
    }

    [Fact]
    public async Task LoadAsync_IncludeRelativeToIncludingFile()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("configs/base.yaml", "contents:\n  packages: [busybox]\n");
        directory.Write("configs/apko.yaml", "include: base.yaml\ncontents:\n  packages: [curl]\n");

        var loaded = await directory.LoadAsync("configs/apko.yaml");

        Assert.Equal(["busybox", "curl"], loaded.Configuration.Contents.Packages);
    }

    [Fact]
    public async Task LoadAsync_TargetWinsOverIncludedValues()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("base.yaml", string.Join('\n',
            "contents:",
            "  repositories: [https://example.com/base/]",
            "  keyring: [base.rsa.pub]",
            "entrypoint: {command: /base}",
            "cmd: base-cmd",
            "work-dir: /base",
            "accounts:",
            "  run-as: base",
            "  users: [{username: a, uid: 1}]",
            "environment: {A: base, B: base}",
            "annotations: {x: base}",
            "archs: [aarch64]",
            "volumes: [/base]",
            "paths: [{path: /base, type: directory, permissions: 0o755}]",
            ""));
        directory.Write("apko.yaml", string.Join('\n',
            "include: base.yaml",
            "contents:",
            "  repositories: [https://example.com/top]",
            "cmd: top-cmd",
            "accounts:",
            "  users: [{username: b, uid: 2}]",
            "environment: {B: top}",
            "volumes: [/top]",
            "paths: [{path: /top, type: empty-file, permissions: 0o644}]",
            ""));

        var config = (await directory.LoadAsync()).Configuration;

        Assert.Equal(["https://example.com/base", "https://example.com/top"], config.Contents.Repositories);
        Assert.Equal(["base.rsa.pub"], config.Contents.Keyring);
        Assert.Equal("/base", config.Entrypoint.Command);
        Assert.Equal("top-cmd", config.Cmd);
        Assert.Equal("/base", config.WorkDir);
        Assert.Equal("base", config.Accounts.RunAs);
        Assert.Equal(["a", "b"], config.Accounts.Users.Select(user => user.UserName));
        Assert.Equal(["/home/a", "/home/b"], config.Accounts.Users.Select(user => user.HomeDir));
        Assert.Equal("base", config.Environment["A"]);
        Assert.Equal("top", config.Environment["B"]);
        Assert.Equal("base", config.Annotations["x"]);
        Assert.Equal(["aarch64"], config.Archs.Select(arch => arch.ApkName));
        Assert.Equal(["/base", "/top"], config.Volumes);
        Assert.Equal(["/base", "/top"], config.Paths.Select(path => path.Path));
        Assert.Equal("base.yaml", config.Include);
    }

    [Fact]
    public async Task LoadAsync_ExampleOverlayAddsToIncludedPackages()
    {
        var options = new ConfigurationLoaderOptions { WorkingDirectory = s_apkoRoot };

        var config = (await ConfigurationLoader.LoadAsync(
            "examples/overlay.yaml", options, TestContext.Current.CancellationToken)).Configuration;

        Assert.Equal(["alpine-base", "nano"], config.Contents.Packages);
        Assert.Equal("/bin/sh -l", config.Cmd);
        Assert.Equal(["amd64", "arm64"], config.Archs.Select(arch => arch.OciName));
    }

    [Fact]
    public async Task LoadAsync_ServiceBundleRunsS6()
    {
        var options = new ConfigurationLoaderOptions { WorkingDirectory = s_apkoRoot };

        var config = (await ConfigurationLoader.LoadAsync(
            "examples/nginx.yaml", options, TestContext.Current.CancellationToken)).Configuration;

        Assert.Equal("/bin/s6-svscan /sv", config.Entrypoint.Command);
        Assert.Equal(["wolfi-baselayout", "nginx", "s6"], config.Contents.Packages);
        Assert.Equal(
            "/usr/sbin/nginx -c /etc/nginx/nginx.conf -g \"daemon off;\"", config.Entrypoint.Services["nginx"]);
        Assert.Equal(Convert.ToUInt32("755", 8), config.Paths[0].Permissions);
        Assert.Equal(10000u, config.Paths[0].Uid);
        Assert.Equal(PathMutationType.Hardlink, config.Paths[1].Type);
    }

    [Theory]
    [InlineData("0o755", "755")]
    [InlineData("0755", "755")]
    [InlineData("755", "1363")]
    [InlineData("0x1ed", "755")]
    [InlineData("0o4_755", "4755")]
    [InlineData("!!int 0o644", "644")]
    public async Task LoadAsync_PermissionsFollowYamlIntegerRules(string yamlValue, string expectedOctal)
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("apko.yaml", $"paths:\n  - path: /x\n    type: permissions\n    permissions: {yamlValue}\n");

        var config = (await directory.LoadAsync()).Configuration;

        Assert.Equal(Convert.ToUInt32(expectedOctal, 8), config.Paths[0].Permissions);
    }

    [Fact]
    public async Task LoadAsync_AnchorsAliasesAndMergeKeys()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("apko.yaml", string.Join('\n',
            "environment: &env",
            "  A: one",
            "annotations:",
            "  <<: *env",
            "  B: two",
            "paths:",
            "  - &dir {path: /a, type: directory, permissions: 0o700}",
            "  - {<<: *dir, path: /b}",
            ""));

        var config = (await directory.LoadAsync()).Configuration;

        Assert.Equal("one", config.Annotations["A"]);
        Assert.Equal("two", config.Annotations["B"]);
        Assert.Equal("/b", config.Paths[1].Path);
        Assert.Equal(Convert.ToUInt32("700", 8), config.Paths[1].Permissions);
    }

    [Fact]
    public async Task LoadAsync_DanglingSymlinkAndNullGidAccepted()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write(
            "apko.yaml", "paths:\n  - path: /link\n    type: symlink\n    source: /does/not/exist\n    uid: 0\n");

        var config = (await directory.LoadAsync()).Configuration;

        Assert.Equal(0u, config.Paths[0].Uid);
        Assert.Null(config.Paths[0].Gid);
        Assert.Null(config.Paths[0].Permissions);
    }

    private static string LockFileChecksum(string path)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("config").GetProperty("checksum").GetString()!;
    }
}
