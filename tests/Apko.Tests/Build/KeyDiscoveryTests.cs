using System.Text;
using Apko.Build;
using Apko.Locking;
using Apko.Testing;
using Apko.Testing.Http;
using Apko.Tests.Locking;

namespace Apko.Tests.Build;

/// <summary>
/// Locks configurations without a keyring against repositories served on 127.0.0.1, which publish their keys as
/// Alpine does (a releases file) or through <c>apk-configuration</c> and a JWKS.
/// </summary>
public sealed class KeyDiscoveryTests
{
    private const string AlpineKey = "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub";
    private const string DeprecatedKey = "alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub";

    private static readonly string s_packages = Fixtures.Path("apko", "internal", "cli", "testdata", "packages");
    private static readonly string s_melangeKey = Fixtures.Path("apko", "internal", "cli", "testdata", "melange.rsa.pub");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lock_AlpineMirror_UsesReleaseKeys()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        server.Serve("/mirror/alpine/v3.19/main", Fixtures.Path("alpine", "v3.19.1-iso"));
        server.Serve("/keys", Fixtures.Path("alpine", "keys"));
        server.Serve("/site", Directory.CreateDirectory(workspace.Path("site")).FullName);
        // The live file escapes '@' as %20. The deprecated key and the one whose name is a path are left out.
        var releases = $$$"""
            {"release_branches": [
              {"rel_branch": "v3.18", "keys": {"x86_64": [{"url": "{{{server.Url("/keys/unused.rsa.pub")}}}"}]}},
              {"rel_branch": "v3.19", "keys": {
                "x86_64": [
                  {"url": "{{{server.Url("/keys/alpine-devel%20lists.alpinelinux.org-6165ee59.rsa.pub")}}}"},
                  {"url": "{{{server.Url("/keys/" + DeprecatedKey)}}}", "deprecated_since": "2021-01-01"},
                  {"url": "{{{server.Url("/keys/..%2F..%2Fevil.rsa.pub")}}}"}],
                "aarch64": [{"url": "{{{server.Url("/keys/unused-arm.rsa.pub")}}}"}]}}]}
            """;
        File.WriteAllText(workspace.Path("site/releases.json"), releases);
        var config = WriteConfig(workspace, server.Url("/mirror/alpine/v3.19/main"), "alpine-base");

        var lockFile = await LockGenerator.GenerateAsync(
            Options(workspace, config) with { AlpineReleasesUrl = new Uri(server.Url("/site/releases.json")) },
            LockWorkspace.HttpClient,
            Token);

        var key = Assert.Single(lockFile.Contents.Keyring);
        Assert.Equal(server.Url("/keys/" + AlpineKey), key.Url);
        Assert.Equal(File.ReadAllText(Fixtures.Path("alpine", "keys", AlpineKey)), key.Content);
        Assert.Equal(25, lockFile.Contents.Packages.Count);
        Assert.Equal(0, server.CountRequests("/keys/" + DeprecatedKey));
        Assert.DoesNotContain(server.Requests, request => request.Path.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lock_AlpineReleasesMissing_FailsNamingKeyring()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        server.Serve("/mirror/alpine/v3.19/main", Fixtures.Path("alpine", "v3.19.1-iso"));
        var config = WriteConfig(workspace, server.Url("/mirror/alpine/v3.19/main"), "alpine-base");

        var error = await Assert.ThrowsAsync<ApkoException>(() => LockGenerator.GenerateAsync(
            Options(workspace, config) with { AlpineReleasesUrl = new Uri(server.Url("/site/releases.json")) },
            LockWorkspace.HttpClient,
            Token));

        Assert.Equal("APKO1210", error.Code);
        Assert.Contains("v3.19", error.Message);
        Assert.Contains("contents.keyring", error.Message);
    }

    [Fact]
    public async Task Lock_JwksRepository_UsesPublishedKey()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        var repository = ServeJwksRepository(server, workspace);
        File.WriteAllText(
            workspace.Path("discovery/jwks.json"),
            JsonWebKeys.Set(JsonWebKeys.Entry("melange", s_melangeKey), JsonWebKeys.Entry("../evil", s_melangeKey)));
        var config = WriteConfig(workspace, repository, "replayout");

        var lockFile = await LockGenerator.GenerateAsync(Options(workspace, config), LockWorkspace.HttpClient, Token);

        var key = Assert.Single(lockFile.Contents.Keyring);
        Assert.Equal(server.Url("/repo/melange.rsa.pub"), key.Url);
        Assert.Equal(JsonWebKeys.PublicKeyOf(File.ReadAllText(s_melangeKey)), JsonWebKeys.PublicKeyOf(key.Content!));
        Assert.Contains(lockFile.Contents.Packages, package => package.Name == "replayout");
    }

    [Fact]
    public async Task Lock_HostileJwksEntries_OnlyGoodKeyKept()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        var repository = ServeJwksRepository(server, workspace);
        var good = JsonWebKeys.Entry("melange", s_melangeKey);
        var entries = new[]
        {
            """{"kty": "RSA", "kid": "melange", "n": "!!!not*base64", "e": "AQAB"}""",
            """{"kty": "RSA", "kid": "melange", "n": "_w", "e": "AQAB"}""",
            JsonWebKeys.Entry("melange", s_melangeKey).Replace("\"e\"", "\"x\"", StringComparison.Ordinal),
            JsonWebKeys.Entry(new string('k', 300), s_melangeKey),
            """{"kty": "EC", "kid": "ec", "crv": "P-256"}""",
            good,
            JsonWebKeys.Entry("melange", Fixtures.Path("alpine", "keys", AlpineKey)),
        };
        File.WriteAllText(workspace.Path("discovery/jwks.json"), JsonWebKeys.Set(entries));

        var lockFile = await LockGenerator.GenerateAsync(
            Options(workspace, WriteConfig(workspace, repository, "replayout")), LockWorkspace.HttpClient, Token);

        var key = Assert.Single(lockFile.Contents.Keyring);
        Assert.Equal(JsonWebKeys.PublicKeyOf(File.ReadAllText(s_melangeKey)), JsonWebKeys.PublicKeyOf(key.Content!));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/jwks.json")]
    public async Task Lock_NonHttpJwksUri_SkippedWithoutCrash(string jwksUri)
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        var repository = ServeJwksRepository(server, workspace);
        File.WriteAllText(workspace.Path("repo/apk-configuration"), $$"""{"jwks_uri": "{{jwksUri}}"}""");

        var error = await Assert.ThrowsAsync<Apko.Apk.ApkException>(() => LockGenerator.GenerateAsync(
            Options(workspace, WriteConfig(workspace, repository, "replayout")), LockWorkspace.HttpClient, Token));

        Assert.Equal("APKO2104", error.Code);
    }

    [Fact]
    public async Task Lock_WithKeyring_DiscoversNothing()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        server.Serve("/repo", s_packages);
        var config = WriteConfig(workspace, server.Url("/repo"), "replayout", s_melangeKey);

        var lockFile = await LockGenerator.GenerateAsync(Options(workspace, config), LockWorkspace.HttpClient, Token);

        Assert.Equal(s_melangeKey, Assert.Single(lockFile.Contents.Keyring).Url);
        Assert.Equal(0, server.CountRequests("/repo/apk-configuration"));
    }

    [Fact]
    public async Task Lock_NoDiscoveryService_NamesMissingKey()
    {
        await using var server = TestHttpServer.Start();
        using var workspace = new LockWorkspace();
        server.Serve("/repo", s_packages);
        var config = WriteConfig(workspace, server.Url("/repo"), "replayout");

        var error = await Assert.ThrowsAsync<Apko.Apk.ApkException>(
            () => LockGenerator.GenerateAsync(Options(workspace, config), LockWorkspace.HttpClient, Token));

        Assert.Contains("melange.rsa.pub", error.Message);
        Assert.Equal(1, server.CountRequests("/repo/apk-configuration"));
    }

    private static string WriteConfig(LockWorkspace workspace, string repository, string package, string? key = null)
    {
        var keyring = key is null ? "" : $"  keyring:\n    - {key}\n";
        var yaml = $"contents:\n{keyring}  repositories:\n    - \"{repository}\"\n"
            + $"  packages:\n    - {package}\narchs:\n  - x86_64\n";
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

    /// <summary>
    /// Serves the fixture repository's x86_64 folder, linked in place, under /repo beside an apk-configuration that
    /// names /discovery/jwks.json, and returns the repository URL.
    /// </summary>
    private static string ServeJwksRepository(TestHttpServer server, LockWorkspace workspace)
    {
        var repository = Directory.CreateDirectory(workspace.Path("repo")).FullName;
        File.CreateSymbolicLink(Path.Combine(repository, "x86_64"), Path.Combine(s_packages, "x86_64"));
        server.Serve("/repo", repository);
        server.Serve("/discovery", Directory.CreateDirectory(workspace.Path("discovery")).FullName);
        File.WriteAllText(
            Path.Combine(repository, "apk-configuration"),
            $$"""{"jwks_uri": "{{server.Url("/discovery/jwks.json")}}"}""");
        return server.Url("/repo");
    }
}
