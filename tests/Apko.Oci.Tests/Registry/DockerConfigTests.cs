using System.Text;
using System.Text.Json;
using Apko.Oci.Registry.Authentication;

namespace Apko.Oci.Tests.Registry;

public sealed class DockerConfigTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("registry.example", "registry.example")]
    [InlineData("https://registry.example", "registry.example")]
    [InlineData("https://registry.example/v1/", "registry.example")]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("registry-1.docker.io", "docker.io")]
    public async Task GetCredentialAsync_MatchesAuthsKey(string key, string registry)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pa:ss"));
        var provider = await WriteConfigAsync("{\"auths\":{\"" + key + "\":{\"auth\":\"" + auth + "\"}}}");

        var credential = await provider.GetCredentialAsync(registry, Token);

        Assert.NotNull(credential);
        Assert.Equal("user", credential.Username);
        Assert.Equal("pa:ss", credential.Password);
    }

    [Fact]
    public async Task GetCredentialAsync_OtherRegistryAnonymous()
    {
        var provider = await WriteConfigAsync("""{"auths":{"a.example":{"auth":"dTpw"}}}""");

        Assert.Null(await provider.GetCredentialAsync("b.example", Token));
    }

    [Fact]
    public async Task GetCredentialAsync_MissingFileAnonymous()
    {
        var provider = new DockerConfigCredentialProvider(new DockerConfigOptions(_temp.Path("absent.json")));

        Assert.Null(await provider.GetCredentialAsync("registry.example", Token));
    }

    [Fact]
    public async Task GetCredentialAsync_IdentityToken()
    {
        var provider = await WriteConfigAsync("""{"auths":{"r.example":{"identitytoken":"refresh-abc"}}}""");

        var credential = await provider.GetCredentialAsync("r.example", Token);

        Assert.Equal("refresh-abc", credential?.IdentityToken);
    }

    [Theory]
    [InlineData("""{"auths":{"r.example":{"auth":"!!notbase64"}}}""", "is not valid base64")]
    [InlineData("""{"auths":{"r.example":{"auth":"bm9jb2xvbg=="}}}""", "is not base64 of 'user:password'")]
    [InlineData("""{"auths": [1, 2""", "is not valid JSON (line 1)")]
    [InlineData("""[]""", "is not a JSON object")]
    public async Task GetCredentialAsync_InvalidFileRejected(string json, string problem)
    {
        var provider = await WriteConfigAsync(json);

        var error = await Assert.ThrowsAsync<OciException>(
            async () => await provider.GetCredentialAsync("r.example", Token));

        Assert.Equal("APKO5008", error.Code);
        Assert.Contains(_temp.Path("config.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_CredsStoreHelper()
    {
        var helpers = Directory.CreateDirectory(_temp.Path("helpers")).FullName;
        CredentialHelperScripts.WriteGet(helpers, "store", TestUsers.Basic);
        var provider = await WriteConfigAsync("""{"credsStore":"store"}""", helpers);

        var credential = await provider.GetCredentialAsync("docker.io", Token);

        Assert.Equal(TestUsers.Basic.Username, credential?.Username);
        Assert.Equal(TestUsers.Basic.Password, credential?.Password);
        var log = await File.ReadAllTextAsync(Path.Combine(helpers, "store.log"), Token);
        Assert.Equal("get https://index.docker.io/v1/\n", log);
    }

    [Fact]
    public async Task GetCredentialAsync_EmptyHelperUsesAuths()
    {
        var helpers = Directory.CreateDirectory(_temp.Path("helpers")).FullName;
        CredentialHelperScripts.WriteNotFound(helpers, "empty");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("fallback:pw"));
        var provider = await WriteConfigAsync(
            """{"credHelpers":{"r.example":"empty"},"auths":{"r.example":{"auth":"AUTH"}}}""".Replace("AUTH", auth),
            helpers);

        var credential = await provider.GetCredentialAsync("r.example", Token);

        Assert.Equal("fallback", credential?.Username);
    }

    [Fact]
    public async Task GetCredentialAsync_HelperFailureNamesProgram()
    {
        var helpers = Directory.CreateDirectory(_temp.Path("helpers")).FullName;
        CredentialHelperScripts.WriteStore(helpers, "broken");
        var provider = await WriteConfigAsync("""{"credHelpers":{"r.example":"broken"}}""", helpers);

        var error = await Assert.ThrowsAsync<OciException>(
            async () => await provider.GetCredentialAsync("r.example", Token));

        Assert.Equal("APKO5007", error.Code);
        Assert.Contains("docker-credential-broken' failed for 'r.example': it exited with code 3: unsupported: get",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_MissingHelperNamesProgram()
    {
        var provider = await WriteConfigAsync("""{"credsStore":"absent"}""", _temp.Root);

        var error = await Assert.ThrowsAsync<OciException>(
            async () => await provider.GetCredentialAsync("r.example", Token));

        Assert.Equal("APKO5007", error.Code);
        Assert.Contains("could not be started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteLoginAsync_KeepsOtherKeys()
    {
        var path = _temp.Path("config.json");
        await File.WriteAllTextAsync(path, """{"auths":{"other.example":{"auth":"b3RoZXI6cHc="}},"psFormat":"table"}""",
            Token);

        await DockerConfigFile.WriteLoginAsync(new DockerConfigOptions(path), "docker.io",
            RegistryCredential.FromPassword("me", "pw"), Token);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, Token));
        var auths = document.RootElement.GetProperty("auths");
        Assert.Equal("b3RoZXI6cHc=", auths.GetProperty("other.example").GetProperty("auth").GetString());
        Assert.Equal("bWU6cHc=", auths.GetProperty("https://index.docker.io/v1/").GetProperty("auth").GetString());
        Assert.Equal("table", document.RootElement.GetProperty("psFormat").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task WriteLoginAsync_CreatesDirectoryAndRoundTrips()
    {
        var options = new DockerConfigOptions(_temp.Path("new/dir/config.json"));

        await DockerConfigFile.WriteLoginAsync(options, "127.0.0.1:5000",
            RegistryCredential.FromPassword("u", "p@ss:word"), Token);
        var credential = await new DockerConfigCredentialProvider(options).GetCredentialAsync("127.0.0.1:5000", Token);

        Assert.Equal("u", credential?.Username);
        Assert.Equal("p@ss:word", credential?.Password);
    }

    [Fact]
    public async Task WriteLoginAsync_StoresWithHelper()
    {
        var helpers = Directory.CreateDirectory(_temp.Path("helpers")).FullName;
        CredentialHelperScripts.WriteStore(helpers, "keeper");
        var path = _temp.Path("config.json");
        await File.WriteAllTextAsync(path, """{"credsStore":"keeper"}""", Token);

        await DockerConfigFile.WriteLoginAsync(new DockerConfigOptions(path) { HelperDirectory = helpers },
            "r.example", RegistryCredential.FromPassword("u", "helper-secret"), Token);

        var stored = await File.ReadAllTextAsync(Path.Combine(helpers, "keeper.stored"), Token);
        Assert.Equal("""{"ServerURL":"r.example","Username":"u","Secret":"helper-secret"}""", stored);
        var config = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain("helper-secret", config, StringComparison.Ordinal);
        Assert.Contains("\"r.example\": {}", config, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_HidesSecrets()
    {
        var credential = new RegistryCredential { Username = "u", Password = "pw-123", IdentityToken = "tok-456" };

        var text = credential.ToString();

        Assert.DoesNotContain("pw-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-456", text, StringComparison.Ordinal);
        Assert.Contains("password, identity token", text, StringComparison.Ordinal);
    }

    private async Task<DockerConfigCredentialProvider> WriteConfigAsync(string json, string? helperDirectory = null)
    {
        var path = _temp.Path("config.json");
        await File.WriteAllTextAsync(path, json, Token);
        return new DockerConfigCredentialProvider(new DockerConfigOptions(path) { HelperDirectory = helperDirectory });
    }
}
