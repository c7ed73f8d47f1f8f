using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Apko.Testing.Http;

namespace Apko.Apk.Tests.Repositories;

public sealed class RepositoryFetcherAuthTests : IClassFixture<RepositoryServerFixture>, IDisposable
{
    private const string Arch = FetcherHarness.Arch;
    private const string User = RepositoryServerFixture.User;
    private const string Password = RepositoryServerFixture.Password;
    private const string WrongPassword = "wrong-Secret-4711";
    private readonly FetcherHarness _harness;
    private readonly TestHttpServer _server;

    public RepositoryFetcherAuthTests(RepositoryServerFixture fixture)
    {
        _harness = new FetcherHarness(fixture.Server);
        _server = fixture.Server;
    }

    private static CancellationToken Token => FetcherHarness.Token;

    private string Authority => _server.BaseUri.Authority;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GetIndexAsync_UserInfoInUrlAuthenticates()
    {
        var fetcher = _harness.CreateFetcher();

        var path = await fetcher.GetIndexAsync(RepositoryWithUserInfo(User, Password), Arch, Token);

        Assert.True(File.Exists(path), $"'{path}' was not written");
        Assert.Equal([200], _server.Requests.Select(r => r.StatusCode));
        AssertNoSecretsLeaked(Password);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetIndexAsync_CredentialByHostAuthenticates(bool withPort)
    {
        var host = withPort ? Authority : _server.BaseUri.Host;
        var fetcher = _harness.CreateFetcher(o => o with { Credentials = [new HttpCredential(host, User, Password)] });

        var path = await fetcher.GetIndexAsync(_harness.Repository("/private"), Arch, Token);

        Assert.True(File.Exists(path), $"'{path}' was not written");
        Assert.Equal([200], _server.Requests.Select(r => r.StatusCode));
        AssertNoSecretsLeaked(Password);
    }

    [Fact]
    public async Task GetPackageAsync_CredentialFromHttpAuthAuthenticates()
    {
        var credential = HttpCredential.ParseHttpAuth($"basic:{_server.BaseUri.Host}:{User}:{Password}");
        var fetcher = _harness.CreateFetcher(o => o with { Credentials = [credential] });

        var path = await fetcher.GetPackageAsync(
            _harness.Repository("/private"), Arch, "zlib-1.3.1-r0.apk", null, Token);

        Assert.True(File.Exists(path), $"'{path}' was not written");
        AssertNoSecretsLeaked(Password);
    }

    [Fact]
    public async Task GetIndexAsync_WrongPasswordFailsWithoutLeak()
    {
        var fetcher = _harness.CreateFetcher();

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(RepositoryWithUserInfo(User, WrongPassword), Arch, Token));

        Assert.Equal("APKO2057", error.Code);
        var url = _server.Url("/private/x86_64/APKINDEX.tar.gz");
        Assert.Contains($"GET {url} returned 401 Unauthorized", error.Message);
        Assert.Contains($"credentials sent for '{Authority}' were rejected", error.Message);
        Assert.DoesNotContain(WrongPassword, error.ToString());
        AssertNoSecretsLeaked(WrongPassword);
    }

    [Fact]
    public async Task GetIndexAsync_NoCredentialsExplainsHttpAuth()
    {
        var fetcher = _harness.CreateFetcher(
            o => o with { Credentials = [new HttpCredential("other.example", User, Password)] });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(_harness.Repository("/private"), Arch, Token));

        Assert.Equal("APKO2057", error.Code);
        Assert.Contains($"No credentials were sent for '{Authority}'", error.Message);
        Assert.Contains($"HTTP_AUTH=basic:{Authority}:USER:PASSWORD", error.Message);
        Assert.False(_server.Requests[0].Headers.ContainsKey("Authorization"), "credentials went to the wrong host");
    }

    [Fact]
    public async Task GetIndexAsync_RetriedRequestsLogNoSecrets()
    {
        _server.InjectFaults("/private/x86_64/APKINDEX.tar.gz", HttpFault.Status(500), HttpFault.ResetConnection);
        var fetcher = _harness.CreateFetcher();

        await fetcher.GetIndexAsync(RepositoryWithUserInfo(User, Password), Arch, Token);

        Assert.Equal(2, _harness.Logger.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning));
        AssertNoSecretsLeaked(Password);
    }

    [Fact]
    public async Task GetIndexAsync_OfflineMissRedactsUserInfo()
    {
        var fetcher = _harness.CreateFetcher(o => o with { Offline = true });

        var error = await Assert.ThrowsAsync<ApkException>(
            () => fetcher.GetIndexAsync(RepositoryWithUserInfo(User, Password), Arch, Token));

        Assert.DoesNotContain(Password, error.ToString());
        Assert.DoesNotContain(User, error.ToString());
    }

    private Repository RepositoryWithUserInfo(string user, string password)
    {
        var builder = new UriBuilder(_server.Url("/private")) { UserName = user, Password = password };
        return new Repository(builder.Uri.AbsoluteUri.TrimEnd('/'));
    }

    /// <summary>
    /// Checks that neither the password nor the encoded Basic token appears in any log entry or cache path.
    /// </summary>
    private void AssertNoSecretsLeaked(string password)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}"));
        var logs = _harness.Logger.AllText;
        Assert.DoesNotContain(password, logs);
        Assert.DoesNotContain(token, logs);
        Assert.DoesNotContain(Uri.EscapeDataString(password), logs);
        var cachePaths = string.Join('\n', Directory.GetFileSystemEntries(
            _harness.Cache.Path, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(User, cachePaths);
        Assert.DoesNotContain(password, cachePaths);
    }
}
