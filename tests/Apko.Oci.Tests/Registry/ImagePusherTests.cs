using Apko.Oci.Registry;
using Apko.Testing;
using Apko.Testing.Registry;
using static Apko.Oci.Tests.Registry.RegistryTesting;

namespace Apko.Oci.Tests.Registry;

public sealed class ImagePusherTests(AnonymousRegistryFixture fixture)
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
    public async Task PushAsync_MultiArchLayoutMatchesSkopeo()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "multi-arch", ["amd64", "arm64"]);
        var pusher = new ImagePusher(CreateClient(_http));

        var result = await pusher.PushAsync(layout.Directory, [Tag(registry, "apko/multi:1.0")], null, Token);

        Assert.Equal(layout.IndexDigest, result.Descriptor.Digest.ToString());
        Assert.Equal($"{registry.Host}/apko/multi@{layout.IndexDigest}", result.Reference.ToString());
        var raw = await InspectRawAsync($"{registry.Host}/apko/multi:1.0");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Equal(await File.ReadAllTextAsync(layout.BlobPath(layout.IndexDigest), Token), raw.Stdout.TrimEnd('\n'));
        var copy = await CopyToLayoutAsync($"{registry.Host}/apko/multi:1.0", _temp.Path("copy"));
        Assert.True(copy.ExitCode == 0, copy.ToString());
    }

    [Fact]
    public async Task PushAsync_ApkoGoldenLayout()
    {
        var registry = await fixture.StartAsync();
        var golden = Fixtures.Path("apko", "internal", "cli", "testdata", "golden");
        var pusher = new ImagePusher(CreateClient(_http));

        var result = await pusher.PushAsync(golden, [Tag(registry, "apko/golden:latest")], null, Token);

        Assert.Equal("sha256:b5f05e6fc882c97d61c1daee566954ae6fc09924f8e152293e2b97a06092069f",
            result.Descriptor.Digest.ToString());
        Assert.Equal(2, result.Manifests.Count);
        var copy = await CopyToLayoutAsync($"{registry.Host}/apko/golden:latest", _temp.Path("copy"));
        Assert.True(copy.ExitCode == 0, copy.ToString());
    }

    [Fact]
    public async Task PushAsync_ReturnsPerArchManifestReferences()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "per-arch", ["amd64", "arm64", "riscv64"]);
        var pusher = new ImagePusher(CreateClient(_http));

        var result = await pusher.PushAsync(layout.Directory, [Tag(registry, "apko/per-arch")], null, Token);

        Assert.Equal(
            layout.ManifestDigests.Select(d => $"{registry.Host}/apko/per-arch@{d}"),
            result.Manifests.Select(m => m.ToString()));
        foreach (var digest in layout.ManifestDigests)
        {
            var raw = await InspectRawAsync($"{registry.Host}/apko/per-arch@{digest}");
            Assert.True(raw.ExitCode == 0, $"{digest}: {raw}");
        }
    }

    [Fact]
    public async Task PushAsync_RepeatPushUploadsNothing()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "repeat", ["amd64", "arm64"]);
        await using var proxy = RegistryProxy.Start(registry.Host);
        var pusher = new ImagePusher(CreateClient(_http));
        ImageReference[] tags = [Tag(proxy, "apko/repeat:a"), Tag(proxy, "apko/repeat:b")];
        await pusher.PushAsync(layout.Directory, tags, null, Token);
        proxy.ClearRequests();
        var events = new List<PushProgress>();

        await pusher.PushAsync(layout.Directory, tags, new PushOptions { Progress = new SyncProgress(events) }, Token);

        var requests = proxy.Requests;
        var manifests = layout.ManifestDigests.Count + 1;
        Assert.Equal(layout.BlobDigests.Count + manifests + tags.Length, requests.Count);
        Assert.Equal(layout.BlobDigests.Count, requests.Count(r => r.StartsWith("HEAD ", StringComparison.Ordinal)));
        Assert.DoesNotContain(requests, r => r.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.Equal(layout.BlobDigests.Count, events.Count(e => e.Stage == PushStage.BlobExists));
        Assert.DoesNotContain(events, e => e.Stage == PushStage.BlobUploading);
    }

    [Fact]
    public async Task PushAsync_FirstPushUploadsEachBlobOnce()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "first-push", ["amd64", "arm64"]);
        await using var proxy = RegistryProxy.Start(registry.Host);
        var events = new List<PushProgress>();
        var pusher = new ImagePusher(CreateClient(_http));

        await pusher.PushAsync(layout.Directory, [Tag(proxy, "apko/first:1")],
            new PushOptions { Progress = new SyncProgress(events) }, Token);

        // The shared layer is listed by both manifests and is uploaded once: POST, then PUT with the bytes.
        Assert.Equal(layout.BlobDigests.Count, proxy.Requests.Count(r => r == "POST /v2/apko/first/blobs/uploads/"));
        Assert.Equal(layout.BlobDigests.Count, events.Count(e => e.Stage == PushStage.BlobUploaded));
        foreach (var digest in layout.BlobDigests)
        {
            var size = new FileInfo(layout.BlobPath(digest)).Length;
            var last = events.Last(e => e.Digest.ToString() == digest && e.Stage == PushStage.BlobUploading);
            Assert.Equal(size, last.BytesDone);
        }
    }

    [Fact]
    public async Task PushAsync_ManifestsByDigestBeforeTags()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "order", ["amd64", "arm64"]);
        await using var proxy = RegistryProxy.Start(registry.Host);
        var pusher = new ImagePusher(CreateClient(_http));

        await pusher.PushAsync(layout.Directory, [Tag(proxy, "apko/order:x"), Tag(proxy, "apko/order:y")], null, Token);

        var puts = proxy.Requests.Where(r => r.StartsWith("PUT /v2/apko/order/manifests/", StringComparison.Ordinal))
            .Select(r => r["PUT /v2/apko/order/manifests/".Length..])
            .ToList();
        Assert.Equal([.. layout.ManifestDigests, layout.IndexDigest, "x", "y"], puts);
    }

    [Fact]
    public async Task PushAsync_SecondRepositoryMountsBlobs()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "mount", ["amd64"]);
        var events = new List<PushProgress>();
        var pusher = new ImagePusher(CreateClient(_http));

        var result = await pusher.PushAsync(layout.Directory,
            [Tag(registry, "apko/mount-a:1"), Tag(registry, "apko/mount-b:2")],
            new PushOptions { Progress = new SyncProgress(events) }, Token);

        Assert.Equal(layout.BlobDigests.Count, events.Count(e => e.Stage == PushStage.BlobMounted));
        Assert.Equal(2, result.Tags.Count);
        var raw = await InspectRawAsync($"{registry.Host}/apko/mount-b:2");
        Assert.True(raw.ExitCode == 0, raw.ToString());
    }

    [Fact]
    public async Task PushAsync_LargeBlobUploadsInChunks()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "chunked", ["amd64"], extraLayerBytes: 300_000);
        await using var proxy = RegistryProxy.Start(registry.Host);
        var client = new RegistryClient(new RegistryClientOptions
        {
            HttpClient = _http,
            Retry = FastRetry,
            ChunkedUploadThreshold = 100_000,
            ChunkSize = 64 * 1024,
        });

        await new ImagePusher(client).PushAsync(layout.Directory, [Tag(proxy, "apko/chunked:1")], null, Token);

        Assert.True(proxy.Requests.Count(r => r.StartsWith("PATCH ", StringComparison.Ordinal)) >= 5,
            string.Join("\n", proxy.Requests));
        var copy = await CopyToLayoutAsync($"{registry.Host}/apko/chunked:1", _temp.Path("copy"));
        Assert.True(copy.ExitCode == 0, copy.ToString());
    }

    [Fact]
    public async Task PushAsync_LimitsConcurrentUploads()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "limit", ["amd64", "arm64", "riscv64", "s390x"]);
        var slow = ProxyRules.Delay(ProxyRules.Request("HEAD", "/blobs/"), TimeSpan.FromMilliseconds(50));
        await using var proxy = RegistryProxy.Start(registry.Host, slow);
        var pusher = new ImagePusher(CreateClient(_http));

        await pusher.PushAsync(layout.Directory, [Tag(proxy, "apko/limit:1")],
            new PushOptions { MaxConcurrentUploads = 2 }, Token);

        Assert.InRange(proxy.MaxConcurrentRequests, 1, 2);
    }

    [Fact]
    public async Task PushAsync_CancelledPushLeavesNoTag()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "cancel", ["amd64", "arm64"]);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new CallbackProgress(e =>
        {
            if (e.Stage == PushStage.BlobUploaded)
            {
                cancellation.Cancel();
            }
        });
        var pusher = new ImagePusher(CreateClient(_http));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pusher.PushAsync(layout.Directory,
            [Tag(registry, "apko/cancel:1")], new PushOptions { Progress = progress }, cancellation.Token));

        var client = CreateClient(_http);
        var repository = new RegistryRepository(registry.Host, "apko/cancel");
        Assert.Null(await client.GetManifestAsync(repository, "1", Token));
        Assert.Null(await client.GetManifestAsync(repository, layout.IndexDigest, Token));
    }

    [Fact]
    public async Task PushAsync_WritesImageRefs()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "refs", ["amd64", "arm64"]);
        var refsPath = _temp.Path("image-refs");
        var pusher = new ImagePusher(CreateClient(_http));

        await pusher.PushAsync(layout.Directory, [Tag(registry, "apko/refs:1")],
            new PushOptions { ImageRefsPath = refsPath }, Token);

        var expected = layout.ManifestDigests.Append(layout.IndexDigest)
            .Select(d => $"{registry.Host}/apko/refs@{d}\n");
        Assert.Equal(string.Concat(expected), await File.ReadAllTextAsync(refsPath, Token));
    }

    [Fact]
    public async Task PushAsync_MissingBlobFailsBeforeAnyRequest()
    {
        var registry = await fixture.StartAsync();
        var layout = TestImageLayout.Create(_temp.Path("layout"), "missing", ["amd64"]);
        File.Delete(layout.BlobPath(layout.BlobDigests[^1]));
        await using var proxy = RegistryProxy.Start(registry.Host);
        var pusher = new ImagePusher(CreateClient(_http));

        var error = await Assert.ThrowsAsync<OciException>(
            () => pusher.PushAsync(layout.Directory, [Tag(proxy, "apko/missing:1")], null, Token));

        Assert.Equal("APKO5009", error.Code);
        Assert.Contains(layout.BlobDigests[^1]["sha256:".Length..], error.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
    }

    [Fact]
    public async Task PushAsync_NoTagsRejected()
    {
        var layout = TestImageLayout.Create(_temp.Path("layout"), "no-tags", ["amd64"]);
        var pusher = new ImagePusher(CreateClient(_http));

        var error = await Assert.ThrowsAsync<OciException>(() => pusher.PushAsync(layout.Directory, [], null, Token));

        Assert.Equal("APKO5012", error.Code);
    }

    internal static ImageReference Tag(DistributionRegistry registry, string name) =>
        ImageReference.Parse($"{registry.Host}/{name}");

    internal static ImageReference Tag(RegistryProxy proxy, string name) =>
        ImageReference.Parse($"{proxy.Host}/{name}");
}
