using System.Net;
using System.Text;
using Apko.Oci.Registry;
using Apko.Oci.Registry.Authentication;
using Apko.Testing.Registry;
using static Apko.Oci.Tests.Registry.RegistryTesting;

namespace Apko.Oci.Tests.Registry;

public sealed class AuthenticationTests(BasicAuthRegistryFixture fixture)
    : IClassFixture<BasicAuthRegistryFixture>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task PushAsync_BasicCredentials()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "basic", ["amd64"]);
        var user = TestUsers.Basic;
        var client = CreateClient(_http, Credentials(registry.Host, user.Username, user.Password));

        await new ImagePusher(client).PushAsync(layout.Directory, [Tag(registry, "apko/basic:1")], null, Token);

        var raw = await InspectRawAsync($"{registry.Host}/apko/basic:1", $"{user.Username}:{user.Password}");
        Assert.True(raw.ExitCode == 0, raw.ToString());
    }

    [Fact]
    public async Task PushAsync_AnonymousGets401WithHint()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "anonymous", ["amd64"]);
        var client = CreateClient(_http);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(client).PushAsync(layout.Directory, [Tag(registry, "apko/anon:1")], null, Token));

        Assert.Equal("APKO5002", error.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("HEAD", error.Method);
        Assert.Null(error.RegistryErrorCode);
        Assert.StartsWith($"http://{registry.Host}/v2/apko/anon/blobs/sha256:", error.Url, StringComparison.Ordinal);
        Assert.Contains($"Check the credentials for '{registry.Host}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_WrongPasswordNeverPrinted()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "wrong", ["amd64"]);
        var logger = new ListLogger();
        var wrong = TestUsers.Basic.Password + "-wrong";
        var client = CreateClient(_http, Credentials(registry.Host, TestUsers.Basic.Username, wrong), logger);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(client, logger).PushAsync(layout.Directory, [Tag(registry, "apko/wrong:1")], null, Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        SecretAssert.Absent(wrong, error.ToString(), logger.Text);
        SecretAssert.Absent(TestUsers.Basic.Password, error.ToString(), logger.Text);
    }

    [Fact]
    public async Task PushAsync_SecretsAbsentFromTraceLogs()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "trace", ["amd64", "arm64"]);
        var logger = new ListLogger();
        var user = TestUsers.Basic;
        var credentials = Credentials(registry.Host, user.Username, user.Password);
        var client = CreateClient(_http, credentials, logger);
        var events = new List<PushProgress>();

        var result = await new ImagePusher(client, logger).PushAsync(layout.Directory,
            [Tag(registry, "apko/trace:1")], new PushOptions { Progress = new SyncProgress(events) }, Token);

        Assert.Contains(logger.Messages, m => m.StartsWith("Trace: PUT ", StringComparison.Ordinal));
        var outputs = string.Join("\n", events) + result + await credentials.GetCredentialAsync(registry.Host, Token);
        SecretAssert.Absent(user.Password, logger.Text, outputs);
    }

    [Fact]
    public async Task PushAsync_DockerConfigWrittenByLogin()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "login", ["amd64"]);
        var options = new DockerConfigOptions(_temp.Path("docker/config.json"));
        var user = TestUsers.Basic;
        await DockerConfigFile.WriteLoginAsync(options, registry.Host,
            RegistryCredential.FromPassword(user.Username, user.Password), Token);
        var client = CreateClient(_http, new DockerConfigCredentialProvider(options));

        await new ImagePusher(client).PushAsync(layout.Directory, [Tag(registry, "apko/login:1")], null, Token);

        var raw = await InspectRawAsync($"{registry.Host}/apko/login:1", $"{user.Username}:{user.Password}");
        Assert.True(raw.ExitCode == 0, raw.ToString());
    }

    [Fact]
    public async Task PushAsync_CredentialHelperFromDockerConfig()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "helper", ["amd64"]);
        var helpers = Directory.CreateDirectory(_temp.Path("helpers")).FullName;
        CredentialHelperScripts.WriteGet(helpers, "apkotest", TestUsers.Basic);
        var config = _temp.Path("config.json");
        await File.WriteAllTextAsync(config, $$$"""{"credHelpers":{"{{{registry.Host}}}":"apkotest"}}""", Token);
        var options = new DockerConfigOptions(config) { HelperDirectory = helpers };
        var provider = new DockerConfigCredentialProvider(options);
        var client = CreateClient(_http, provider);

        var result = await new ImagePusher(client).PushAsync(layout.Directory, [Tag(registry, "apko/helper:1")],
            null, Token);

        Assert.Equal(layout.IndexDigest, result.Descriptor.Digest.ToString());
    }

    private static ImageReference Tag(DistributionRegistry registry, string name) =>
        ImageReference.Parse($"{registry.Host}/{name}");
}
