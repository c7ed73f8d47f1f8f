using System.Net;
using System.Text;
using Apko.Oci.Model;
using Apko.Oci.Registry;
using Apko.Testing.Registry;
using static Apko.Oci.Tests.Registry.RegistryTesting;

namespace Apko.Oci.Tests.Registry;

public sealed class RegistryClientTests(AnonymousRegistryFixture fixture)
    : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task PushManifestAsync_MissingBlobReportsRegistryError()
    {
        var registry = await fixture.StartAsync();
        var repository = new RegistryRepository(registry.Host, "apko/client-missing");
        var missing = Digest.Sha256("not pushed"u8);
        var manifest = Encoding.UTF8.GetBytes(
            """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":""" +
            $$"""{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{missing}}","size":10},""" +
            "\"layers\":[]}");

        var error = await Assert.ThrowsAsync<RegistryException>(() => CreateClient(_http)
            .PushManifestAsync(repository, "v1", MediaType.ImageManifest, manifest, Token));

        Assert.Equal("APKO5002", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.RegistryErrorCode);
        Assert.Equal($"http://{registry.Host}/v2/apko/client-missing/manifests/v1", error.Url);
        Assert.StartsWith($"PUT http://{registry.Host}/v2/apko/client-missing/manifests/v1 returned 400 Bad Request " +
            "(MANIFEST_BLOB_UNKNOWN: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("push the image again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushBlobAsync_ThenExistsAndGetManifest()
    {
        var registry = await fixture.StartAsync();
        var repository = new RegistryRepository(registry.Host, "apko/client-blob");
        var client = CreateClient(_http);
        var content = "{}"u8.ToArray();
        var blob = new Descriptor { MediaType = MediaType.EmptyJson, Digest = Digest.Sha256(content), Size = 2 };

        Assert.False(await client.BlobExistsAsync(repository, blob.Digest, Token));
        var stage = await client.PushBlobAsync(repository, blob, () => new MemoryStream(content), null, Token);
        var again = await client.PushBlobAsync(repository, blob, () => new MemoryStream(content), null, Token);

        Assert.Equal(PushStage.BlobUploaded, stage);
        Assert.Equal(PushStage.BlobExists, again);
        Assert.True(await client.BlobExistsAsync(repository, blob.Digest, Token));
        Assert.Null(await client.GetManifestAsync(repository, "absent", Token));
    }

    [Fact]
    public async Task PushBlobAsync_WrongDigestRejected()
    {
        var registry = await fixture.StartAsync();
        var repository = new RegistryRepository(registry.Host, "apko/client-digest");
        var content = "actual bytes"u8.ToArray();
        var blob = new Descriptor
        {
            MediaType = MediaType.LayerTar,
            Digest = Digest.Sha256("other bytes"u8),
            Size = content.Length,
        };

        var error = await Assert.ThrowsAsync<RegistryException>(() => CreateClient(_http)
            .PushBlobAsync(repository, blob, () => new MemoryStream(content), null, Token));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("DIGEST_INVALID", error.RegistryErrorCode);
        Assert.Contains("build the image again", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("_state", error.Url.Replace("_state=REDACTED", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RelativeLocationResolved()
    {
        var registry = await fixture.StartAsync();
        var relative = new ProxyRule(async exchange =>
        {
            if (exchange.Method != "POST")
            {
                return false;
            }

            using var response = await exchange.ForwardAsync();
            await exchange.RespondAsync(response, headers =>
                headers["Location"] = new Uri(headers["Location"]).PathAndQuery);
            return true;
        });
        await using var proxy = RegistryProxy.Start(registry.Host, relative);
        var repository = new RegistryRepository(proxy.Host, "apko/client-relative");
        var content = "relative"u8.ToArray();
        var blob = new Descriptor { MediaType = MediaType.LayerTar, Digest = Digest.Sha256(content), Size = 8 };

        var stage = await CreateClient(_http).PushBlobAsync(repository, blob, () => new MemoryStream(content), null,
            Token);

        Assert.Equal(PushStage.BlobUploaded, stage);
    }
}
