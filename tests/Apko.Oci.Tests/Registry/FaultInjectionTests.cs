using Apko.Oci.Registry;
using Apko.Testing.Registry;
using static Apko.Oci.Tests.Registry.RegistryTesting;

namespace Apko.Oci.Tests.Registry;

public sealed class FaultInjectionTests(AnonymousRegistryFixture fixture)
    : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private static readonly Dictionary<string, string> s_retryNow = new() { ["Retry-After"] = "0" };

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string, ProxyRule> RecoverableFaults => new()
    {
        { "503 on manifest PUT", ProxyRules.Fail(ProxyRules.Request("PUT", "/manifests/"), 2, 503) },
        { "429 on HEAD", ProxyRules.Fail(ProxyRules.Request("HEAD", "/blobs/"), 3, 429, s_retryNow) },
        { "500 on upload start", ProxyRules.Fail(ProxyRules.Request("POST", "/blobs/uploads/"), 2, 500) },
        { "reset on blob PUT", ProxyRules.Reset(ProxyRules.Request("PUT", "/blobs/uploads/"), 2) },
        { "reset on manifest PUT", ProxyRules.Reset(ProxyRules.Request("PUT", "/manifests/"), 2) },
        { "reset on HEAD", ProxyRules.Reset(ProxyRules.Request("HEAD", "/blobs/"), 3) },
        { "slow responses", ProxyRules.Delay(ProxyRules.Any, TimeSpan.FromMilliseconds(30)) },
    };

    [Theory]
    [MemberData(nameof(RecoverableFaults))]
    public async Task PushAsync_RecoversFromFault(string fault, ProxyRule rule)
    {
        var registry = await fixture.StartAsync();
        await using var proxy = RegistryProxy.Start(registry.Host, rule);
        var name = "apko/fault-" + string.Concat(fault.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();
        var layout = TestImageLayout.Create(_temp.Path("layout"), fault, ["amd64", "arm64"]);
        var logger = new ListLogger();

        PushResult result;
        try
        {
            result = await new ImagePusher(CreateClient(_http, logger: logger)).PushAsync(layout.Directory,
                [ImageReference.Parse($"{proxy.Host}/{name}:1")], null, Token);
        }
        catch (RegistryException exception)
        {
            Assert.Fail($"{exception.Message}\nRequests:\n{string.Join("\n", proxy.Requests)}\nLog:\n{logger.Text}");
            throw;
        }

        Assert.Equal(layout.IndexDigest, result.Descriptor.Digest.ToString());
        var copy = await CopyToLayoutAsync($"{registry.Host}/{name}:1", _temp.Path("copy"));
        Assert.True(copy.ExitCode == 0, copy.ToString());
        if (fault != "slow responses")
        {
            Assert.Contains(logger.Messages, m => m.StartsWith("Warning: Retrying", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PushAsync_TimeoutRetried()
    {
        var registry = await fixture.StartAsync();
        var slowHead = ProxyRules.Delay(ProxyRules.Request("HEAD", "/blobs/"), TimeSpan.FromSeconds(3), times: 1);
        await using var proxy = RegistryProxy.Start(registry.Host, slowHead);
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(700) };
        var layout = TestImageLayout.Create(_temp.Path("layout"), "timeout", ["amd64"]);

        var result = await new ImagePusher(CreateClient(http)).PushAsync(layout.Directory,
            [ImageReference.Parse($"{proxy.Host}/apko/timeout:1")], null, Token);

        Assert.Equal(layout.IndexDigest, result.Descriptor.Digest.ToString());
    }

    [Fact]
    public async Task PushAsync_BlobFailureLeavesNoTag()
    {
        var registry = await fixture.StartAsync();
        await using var proxy = RegistryProxy.Start(registry.Host,
            ProxyRules.Fail(ProxyRules.Request("PUT", "/blobs/uploads/"), int.MaxValue, 500));
        var layout = TestImageLayout.Create(_temp.Path("layout"), "blob-failure", ["amd64", "arm64"]);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(CreateClient(_http)).PushAsync(layout.Directory,
                [ImageReference.Parse($"{proxy.Host}/apko/blob-failure:1")], null, Token));

        Assert.Equal("APKO5002", error.Code);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("UNAVAILABLE", error.RegistryErrorCode);
        Assert.Contains("retry later", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Requests, r => r.StartsWith("PUT /v2/apko/blob-failure/manifests/",
            StringComparison.Ordinal));
        await AssertAbsentAsync(registry, "apko/blob-failure", "1");
    }

    [Fact]
    public async Task PushAsync_IndexFailureLeavesNoTag()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "index-failure", ["amd64", "arm64"]);
        await using var proxy = RegistryProxy.Start(registry.Host,
            ProxyRules.Fail(ProxyRules.Request("PUT", "/manifests/" + layout.IndexDigest), int.MaxValue, 503));

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(CreateClient(_http)).PushAsync(layout.Directory,
                [ImageReference.Parse($"{proxy.Host}/apko/index-failure:1")], null, Token));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        var indexPuts = proxy.Requests.Count(r => r.EndsWith(layout.IndexDigest, StringComparison.Ordinal));
        Assert.Equal(FastRetry.MaxAttempts, indexPuts);
        await AssertAbsentAsync(registry, "apko/index-failure", "1");
        await AssertAbsentAsync(registry, "apko/index-failure", layout.IndexDigest);
    }

    [Fact]
    public async Task PushAsync_DroppedTagPutReportsUnreachable()
    {
        var registry = await fixture.StartAsync();
        await using var proxy = RegistryProxy.Start(registry.Host,
            ProxyRules.Reset(ProxyRules.Request("PUT", "/manifests/latest"), int.MaxValue));
        var layout = TestImageLayout.Create(_temp.Path("layout"), "dropped-tag", ["amd64"]);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(CreateClient(_http)).PushAsync(layout.Directory,
                [ImageReference.Parse($"{proxy.Host}/apko/dropped-tag")], null, Token));

        Assert.Equal("APKO5003", error.Code);
        Assert.Null(error.StatusCode);
        Assert.StartsWith($"PUT http://{proxy.Host}/v2/apko/dropped-tag/manifests/latest failed after 4 attempt(s)",
            error.Message, StringComparison.Ordinal);
        await AssertAbsentAsync(registry, "apko/dropped-tag", "latest");
    }

    [Fact]
    public async Task PushAsync_NothingListeningReportsUnreachable()
    {
        var layout = TestImageLayout.Create(_temp.Path("layout"), "refused", ["amd64"]);
        var host = $"127.0.0.1:{LoopbackPort.GetFree()}";

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new ImagePusher(CreateClient(_http)).PushAsync(layout.Directory,
                [ImageReference.Parse($"{host}/apko/refused:1")], null, Token));

        Assert.Equal("APKO5003", error.Code);
        Assert.Contains("Check that the registry is running", error.Message, StringComparison.Ordinal);
    }

    private async Task AssertAbsentAsync(DistributionRegistry registry, string name, string reference)
    {
        var client = CreateClient(_http);
        var manifest = await client.GetManifestAsync(new RegistryRepository(registry.Host, name), reference, Token);
        Assert.True(manifest is null, $"{name}:{reference} exists after a failed push.");
    }
}
