using Apko.Testing;
using Apko.Testing.Http;

namespace Apko.Cli.Tests.Unit;

/// <summary>Runs the built apko executable as a child process and checks exit codes and messages.</summary>
public sealed class ProgramTests
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "apko.dll");

    private static Task<ToolResult> RunAsync(params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Executable, .. arguments]);

    [Fact]
    public async Task Build_MissingArgumentsIsUsageError()
    {
        var result = await RunAsync("build");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("apko build --help", result.Stderr);
    }

    [Theory]
    [InlineData("--arch", "arm65", "'arm65'")]
    [InlineData("--sbom-formats", "swid", "'swid'")]
    [InlineData("--package-append", "busybox>>1", "'busybox>>1'")]
    [InlineData("--compression", "brotli", "--compression 'brotli' is not supported")]
    [InlineData("--arch", "", "--arch has an empty value")]
    [InlineData("--repository-append", "", "--repository-append has an empty value")]
    [InlineData("--keyring-append", " ", "--keyring-append has an empty value")]
    [InlineData("--arch", "x86_64,", "--arch has an empty value")]
    [InlineData("--max-apk-data-size", "-2", "--max-apk-data-size -2 is not a size")]
    [InlineData("--max-apk-data-size", "abc", "--max-apk-data-size 'abc' is not a number of bytes")]
    public async Task Build_InvalidFlagIsUsageError(string flag, string value, string expected)
    {
        var output = Directory.CreateTempSubdirectory("apko-cli-test-").FullName;
        var result = await RunAsync(
            "build", "-C", Fixtures.Path("alpine"), "apko-alpine-3.19.1-minimal.yaml", "alpine:test", output, flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Theory]
    [InlineData("")]
    [InlineData("all")]
    [InlineData("x86_64,aarch64")]
    public async Task BuildMinirootfs_InvalidBuildArch_UsageError(string value)
    {
        var output = Directory.CreateTempSubdirectory("apko-cli-test-").FullName;
        var result = await RunAsync(
            "build-minirootfs", "-C", Fixtures.Path("alpine"), "apko-alpine-3.19.1-minimal.yaml",
            Path.Combine(output, "rootfs.tar"), "--build-arch", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--build-arch '{value}' is not one supported architecture", result.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task BuildMinirootfs_SbomPath_WarnsNoSbom()
    {
        var output = Directory.CreateTempSubdirectory("apko-cli-test-").FullName;
        var result = await RunAsync(
            "build-minirootfs", "-C", Fixtures.Path("alpine"), "apko-alpine-3.19.1-minimal.yaml",
            Path.Combine(output, "rootfs.tar"), "--build-arch", "x86_64", "--sbom-path", Path.Combine(output, "sbom"),
            "--cache-dir", Path.Combine(output, "cache"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("a root filesystem archive has no SBOM", result.Stdout + result.Stderr);
        Assert.True(File.Exists(Path.Combine(output, "rootfs.tar")));
        Assert.False(Directory.Exists(Path.Combine(output, "sbom")));
    }

    [Fact]
    public async Task Build_MissingOutputDirectoryFailsBeforeBuilding()
    {
        var result = await RunAsync(
            "build", "-C", Fixtures.Path("alpine"), "apko-alpine-3.19.1-minimal.yaml", "alpine:test", "/nonexistent/dir/out.tar");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'/nonexistent/dir'", result.Stderr);
    }

    [Fact]
    public async Task Dot_MinimalImage_EachEdgeOnce()
    {
        var result = await RunAsync(
            "dot", "-C", Fixtures.Path("alpine"), "apko-alpine-3.19.1-minimal.yaml",
            "--cache-dir", Directory.CreateTempSubdirectory("apko-cli-test-").FullName);
        var edges = result.Stdout.Split('\n').Where(line => line.Contains(" -> ", StringComparison.Ordinal)).ToList();

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("digraph images {\n", result.Stdout);
        Assert.Contains("  \"world\" -> \"busybox\";", edges);
        Assert.Single(edges, edge => edge == "  \"apk-tools\" -> \"musl\";");
        Assert.Equal(edges.Count, edges.Distinct().Count());
    }

    [Fact]
    public async Task Version_JsonHasVersion()
    {
        var result = await RunAsync("version", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"gitVersion\"", result.Stdout);
    }

    [Theory]
    [InlineData("bash", "complete -o filenames -F _apko apko")]
    [InlineData("zsh", "compdef _apko apko")]
    [InlineData("fish", "complete -c apko")]
    public async Task Completion_PrintsScript(string shell, string expected)
    {
        var result = await RunAsync("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Stdout);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task InstallKeys_JwksRepository_WritesKey()
    {
        await using var server = TestHttpServer.Start();
        var root = Directory.CreateTempSubdirectory("apko-cli-test-").FullName;
        var site = Directory.CreateDirectory(Path.Combine(root, "site")).FullName;
        server.Serve("/repo", site);
        var melange = Fixtures.Path("apko", "internal", "cli", "testdata", "melange.rsa.pub");
        File.WriteAllText(
            Path.Combine(site, "apk-configuration"), $$"""{"jwks_uri": "{{server.Url("/repo/jwks.json")}}"}""");
        File.WriteAllText(Path.Combine(site, "jwks.json"), JsonWebKeys.Set(JsonWebKeys.Entry("melange", melange)));
        Directory.CreateDirectory(Path.Combine(root, "etc", "apk"));
        File.WriteAllText(
            Path.Combine(root, "etc", "apk", "repositories"),
            $"# comment\n\n/media/cdrom/apks\n@tagged {server.Url("/repo")}\n");

        var result = await RunAsync(
            "install-keys", "--root", root, "--cache-dir", Path.Combine(root, "cache"));

        var key = Path.Combine(root, "etc", "apk", "keys", "melange.rsa.pub");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(key, result.Stdout.Trim());
        Assert.Equal(
            JsonWebKeys.PublicKeyOf(File.ReadAllText(melange)), JsonWebKeys.PublicKeyOf(File.ReadAllText(key)));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task InstallKeys_NoRepositoriesFile_NamesFile()
    {
        var root = Directory.CreateTempSubdirectory("apko-cli-test-").FullName;

        var result = await RunAsync("install-keys", "--root", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{Path.Combine(root, "etc", "apk", "repositories")}'", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "etc", "apk", "keys")));
    }

    [Fact]
    public async Task Lock_GoldenConfigMatchesApkoByteForByte()
    {
        var work = Directory.CreateTempSubdirectory("apko-cli-lock-").FullName;
        var output = Path.Combine(work, "apko.lock.json");
        var cli = Fixtures.Path("apko", "internal", "cli");

        var result = await RunAsync(
            "lock", "-C", cli, "apko.yaml", "--include-paths", "testdata", "--arch", "amd64,arm64",
            "--output", output, "--cache-dir", Path.Combine(work, "cache"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(cli, "testdata", "apko.lock.json"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Build_BlankSourceDateEpochUsesBuildDate()
    {
        var work = Directory.CreateTempSubdirectory("apko-cli-epoch-").FullName;
        var output = Directory.CreateDirectory(Path.Combine(work, "out")).FullName;

        var result = await ExternalTool.RunAsync(
            "dotnet",
            [Executable, "build", "-C", Fixtures.Path("alpine"), "apko-alpine-3.19.1-minimal.yaml", "alpine:test", output,
                "--cache-dir", Path.Combine(work, "cache"), "--sbom=false", "--build-date", "2020-01-01T00:00:00Z"],
            environment: new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var outer = System.Text.Json.JsonDocument.Parse(
            await File.ReadAllTextAsync(Path.Combine(output, "index.json"), TestContext.Current.CancellationToken));
        var digest = outer.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        var index = await File.ReadAllTextAsync(
            Path.Combine(output, "blobs", "sha256", digest["sha256:".Length..]), TestContext.Current.CancellationToken);
        Assert.Contains("\"org.opencontainers.image.created\":\"2020-01-01T00:00:00Z\"", index);
    }
}
