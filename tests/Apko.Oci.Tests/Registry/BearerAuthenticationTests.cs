using System.Net;
using Apko.Oci.Model;
using Apko.Oci.Registry;
using Apko.Testing.Registry;
using static Apko.Oci.Tests.Registry.RegistryTesting;

namespace Apko.Oci.Tests.Registry;

public sealed class BearerAuthenticationTests(AnonymousRegistryFixture fixture)
    : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private const string Token = "issued-bearer-token-5f1c";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task PushAsync_TokenFromChallenge()
    {
        var registry = await fixture.StartAsync();
        var service = new BearerTokenService(TestUsers.Bearer, Token);
        RegistryProxy? proxy = null;
        await using var started = proxy = RegistryProxy.Start(registry.Host, service.Rule(() => proxy!.Host));
        var layout = TestImageLayout.Create(_temp.Path("layout"), "bearer", ["amd64", "arm64"]);
        var user = TestUsers.Bearer;
        var logger = new ListLogger();
        var client = CreateClient(_http, Credentials(proxy.Host, user.Username, user.Password), logger);

        var result = await new ImagePusher(client, logger).PushAsync(layout.Directory,
            [ImageReference.Parse($"{proxy.Host}/apko/bearer:1")], null, RegistryTesting.Token);

        Assert.Equal(layout.IndexDigest, result.Descriptor.Digest.ToString());
        var tokenRequest = Assert.Single(service.TokenRequests);
        Assert.Contains("service=apko-test-registry", tokenRequest, StringComparison.Ordinal);
        Assert.Contains("scope=repository:apko/bearer:pull,push", tokenRequest, StringComparison.Ordinal);
        SecretAssert.Absent(user.Password, logger.Text);
        SecretAssert.Absent(Token, logger.Text);
    }

    [Fact]
    public async Task PushAsync_TokenRefusedReportsTokenUrl()
    {
        var registry = await fixture.StartAsync();
        var service = new BearerTokenService(TestUsers.Bearer, Token);
        RegistryProxy? proxy = null;
        await using var started = proxy = RegistryProxy.Start(registry.Host, service.Rule(() => proxy!.Host));
        var layout = TestImageLayout.Create(_temp.Path("layout"), "bearer-refused", ["amd64"]);
        var wrong = TestUsers.Bearer.Password + "-wrong";
        var logger = new ListLogger();
        var client = CreateClient(_http, Credentials(proxy.Host, TestUsers.Bearer.Username, wrong), logger);

        var error = await Assert.ThrowsAsync<RegistryException>(() => new ImagePusher(client).PushAsync(
            layout.Directory, [ImageReference.Parse($"{proxy.Host}/apko/refused:1")], null, RegistryTesting.Token));

        Assert.Equal("APKO5005", error.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.StartsWith($"http://{proxy.Host}/token?service=", error.Url, StringComparison.Ordinal);
        Assert.Contains($"Check the credentials for '{proxy.Host}'", error.Message, StringComparison.Ordinal);
        SecretAssert.Absent(wrong, error.ToString(), logger.Text);
    }

    [Fact]
    public async Task GetReferrersAsync_AnonymousTokenForPull()
    {
        var registry = await fixture.StartAsync();
        var service = new BearerTokenService(TestUsers.Bearer, Token);
        RegistryProxy? proxy = null;
        await using var started = proxy = RegistryProxy.Start(registry.Host, service.Rule(() => proxy!.Host));
        var client = CreateClient(_http);
        var repository = new RegistryRepository(proxy.Host, "apko/anonymous-pull");

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetReferrersAsync(repository,
            Digest.Sha256("x"u8), null, RegistryTesting.Token));

        Assert.Equal("APKO5005", error.Code);
        var tokenRequest = Assert.Single(service.TokenRequests);
        Assert.Contains("scope=repository:apko/anonymous-pull:pull", tokenRequest, StringComparison.Ordinal);
    }
}
