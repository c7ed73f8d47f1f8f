using System.Text.Json;
using Apko.Oci.Model;
using Apko.Oci.Registry;
using Apko.Testing.Registry;
using static Apko.Oci.Tests.Registry.RegistryTesting;

namespace Apko.Oci.Tests.Registry;

public sealed class ReferrerPusherTests(AnonymousRegistryFixture fixture)
    : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task PushAsync_ReferrersTagWithoutReferrersApi()
    {
        var registry = await fixture.StartAsync();
        var client = CreateClient(_http);
        var (repository, subject) = await PushImageAsync(client, registry.Host, "apko/sbom-tag");
        var pusher = new ReferrerPusher(client);

        var spdx = await pusher.PushAsync(repository, Artifact("spdx", MediaType.SpdxJson, subject), Token);
        var cyclonedx = await pusher.PushAsync(repository, Artifact("cdx", MediaType.CycloneDxJson, subject), Token);

        var tag = $"sha256-{subject.Digest.Encoded}";
        var raw = await InspectRawAsync($"{registry.Host}/apko/sbom-tag:{tag}");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        using var index = JsonDocument.Parse(raw.Stdout);
        var listed = index.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(m => (m.GetProperty("digest").GetString(), m.GetProperty("artifactType").GetString()))
            .ToList();
        Assert.Equal(
            [(spdx.Digest.ToString(), MediaType.SpdxJson), (cyclonedx.Digest.ToString(), MediaType.CycloneDxJson)],
            listed);
        var found = await client.GetReferrersAsync(repository, subject.Digest, MediaType.SpdxJson, Token);
        Assert.Equal(spdx.Digest, Assert.Single(found).Digest);
    }

    [Fact]
    public async Task PushAsync_ArtifactManifestShape()
    {
        var registry = await fixture.StartAsync();
        var client = CreateClient(_http);
        var (repository, subject) = await PushImageAsync(client, registry.Host, "apko/sbom-shape");
        var artifact = Artifact("shape", MediaType.SpdxJson, subject) with
        {
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "sbom.spdx.json" },
        };

        var pushed = await new ReferrerPusher(client).PushAsync(repository, artifact, Token);

        var raw = await InspectRawAsync($"{registry.Host}/apko/sbom-shape@{pushed.Digest}");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        using var manifest = JsonDocument.Parse(raw.Stdout);
        var root = manifest.RootElement;
        Assert.Equal(MediaType.SpdxJson, root.GetProperty("artifactType").GetString());
        Assert.Equal(MediaType.EmptyJson, root.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.Equal(ReferrerPusher.EmptyConfig.Digest.ToString(),
            root.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(subject.Digest.ToString(), root.GetProperty("subject").GetProperty("digest").GetString());
        var layer = Assert.Single(root.GetProperty("layers").EnumerateArray().ToList());
        Assert.Equal(MediaType.SpdxJson, layer.GetProperty("mediaType").GetString());
        Assert.Equal(new FileInfo(artifact.FilePath).Length, layer.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task PushAsync_ReferrersApiSkipsTag()
    {
        var registry = await fixture.StartAsync();
        var referrers = new ReferrersEmulation();
        await using var proxy = RegistryProxy.Start(registry.Host, referrers.Rule);
        var client = CreateClient(_http);
        var (repository, subject) = await PushImageAsync(client, proxy.Host, "apko/sbom-api");

        var pushed = await new ReferrerPusher(client).PushAsync(repository,
            Artifact("api", MediaType.SpdxJson, subject), Token);
        var found = await client.GetReferrersAsync(repository, subject.Digest, null, Token);

        Assert.Equal(pushed.Digest, Assert.Single(found).Digest);
        Assert.Equal(MediaType.SpdxJson, found[0].ArtifactType);
        Assert.Equal(1, referrers.ReferrersRequests);
        Assert.DoesNotContain(proxy.Requests, r => r.Contains("/manifests/sha256-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetReferrersAsync_NoneIsEmpty()
    {
        var registry = await fixture.StartAsync();
        var client = CreateClient(_http);
        var (repository, subject) = await PushImageAsync(client, registry.Host, "apko/sbom-none");

        var found = await client.GetReferrersAsync(repository, subject.Digest, null, Token);

        Assert.Empty(found);
    }

    [Fact]
    public async Task PushAsync_MissingFileRejected()
    {
        var registry = await fixture.StartAsync();
        var client = CreateClient(_http);
        var subject = new Descriptor { MediaType = MediaType.ImageIndex, Digest = Digest.Sha256("x"u8), Size = 1 };
        var artifact = new ReferrerArtifact
        {
            FilePath = _temp.Path("absent.spdx.json"),
            ArtifactType = MediaType.SpdxJson,
            Subject = subject,
        };

        var error = await Assert.ThrowsAsync<OciException>(() => new ReferrerPusher(client)
            .PushAsync(new RegistryRepository(registry.Host, "apko/sbom-missing"), artifact, Token));

        Assert.Equal("APKO5013", error.Code);
        Assert.Contains(artifact.FilePath, error.Message, StringComparison.Ordinal);
    }

    private async Task<(RegistryRepository Repository, Descriptor Subject)> PushImageAsync(
        RegistryClient client,
        string host,
        string name)
    {
        var layout = TestImageLayout.Create(_temp.Path("layout-" + name.Replace('/', '-')), name, ["amd64"]);
        var result = await new ImagePusher(client).PushAsync(layout.Directory,
            [ImageReference.Parse($"{host}/{name}:1")], null, Token);
        return (result.Reference.Repository, result.Descriptor);
    }

    private ReferrerArtifact Artifact(string name, string mediaType, Descriptor subject)
    {
        var path = _temp.Path(name + ".json");
        File.WriteAllText(path, $$"""{"name":"{{name}}","spdxVersion":"SPDX-2.3"}""");
        return new ReferrerArtifact { FilePath = path, ArtifactType = mediaType, Subject = subject };
    }
}
