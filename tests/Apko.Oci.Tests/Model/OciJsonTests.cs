using System.Text;
using Apko.Oci.Model;
using Apko.Testing;

namespace Apko.Oci.Tests.Model;

public sealed class OciJsonTests
{
    private const string AmdConfig = "6c815259150f37d000417f9a93f41bddf74dff905c745986069d4b03e954ac1d";
    private const string AmdManifest = "69f0237c7f8cf0b8a329d1bf1d6870c870c4ec323e39d3a6da59596632d0f2f4";
    private const string AmdLayer = "c7557730da0e2d7fb242d8d1ac6dcf7e3a2439732aa5981270b4f3a02454b738";
    private const string ArmManifest = "124c885f834cfaf1329987457a9651a68c4fb9733d4462ae6288b98011277858";

    private static readonly Dictionary<string, string> s_annotations = new()
    {
        ["org.opencontainers.image.vendor"] = "Vendor",
        ["org.opencontainers.image.title"] = "Title",
        ["org.opencontainers.image.created"] = "1970-01-01T00:00:00Z",
    };

    [Fact]
    public void Serialize_ReproducesGoldenConfig()
    {
        var config = new ImageConfig
        {
            Architecture = "amd64",
            Author = "github.com/chainguard-dev/apko",
            History = [new HistoryEntry { Author = "apko", CreatedBy = "apko", Comment = "Title by Vendor" }],
            DiffIds = [Digest.Parse("sha256:20f698463c2755b6dc42b7d07e959ed7455a06e7367d507e829a315898f21a01")],
            Config = new ContainerConfig
            {
                Entrypoint = ["/bin/sh", "-l"],
                Env =
                [
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin",
                    "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
                ],
                Labels = s_annotations,
            },
        };

        AssertGoldenBlob(AmdConfig, OciJson.Serialize(config));
    }

    [Fact]
    public void Serialize_ReproducesGoldenManifest()
    {
        var manifest = new Manifest
        {
            Config = Descriptor(MediaType.ImageConfig, 658, AmdConfig),
            Layers = [Descriptor(MediaType.LayerTarGzip, 3072, AmdLayer)],
            Annotations = s_annotations,
        };

        AssertGoldenBlob(AmdManifest, OciJson.Serialize(manifest));
    }

    [Fact]
    public void Serialize_ReproducesGoldenIndex()
    {
        var index = new ImageIndex
        {
            Manifests =
            [
                Descriptor(MediaType.ImageManifest, 560, AmdManifest) with
                {
                    Platform = new Platform("amd64"),
                    ArtifactType = MediaType.ImageConfig,
                },
                Descriptor(MediaType.ImageManifest, 560, ArmManifest) with
                {
                    Platform = new Platform("arm64"),
                    ArtifactType = MediaType.ImageConfig,
                },
            ],
            Annotations = s_annotations,
        };
        var golden = File.ReadAllBytes(GoldenPath("index.json"));

        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(OciJson.Serialize(index)));
    }

    [Fact]
    public void Serialize_OptionalConfigMembersInGoOrder()
    {
        var config = new ImageConfig
        {
            Architecture = "arm",
            Variant = "v7",
            OsFeatures = ["erofs"],
            Created = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250),
            Config = new ContainerConfig
            {
                Cmd = ["run"],
                User = "65532",
                Volumes = ["/b", "/a"],
                WorkingDir = "/home",
                ExposedPorts = ["8080/tcp"],
                StopSignal = "SIGTERM",
            },
        };

        var json = Encoding.UTF8.GetString(OciJson.Serialize(config));

        Assert.Equal(
            "{\"architecture\":\"arm\",\"created\":\"2023-11-14T22:13:20.25Z\",\"os\":\"linux\","
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{\"Cmd\":[\"run\"],\"User\":\"65532\","
            + "\"Volumes\":{\"/a\":{},\"/b\":{}},\"WorkingDir\":\"/home\",\"ExposedPorts\":{\"8080/tcp\":{}},"
            + "\"StopSignal\":\"SIGTERM\"},\"variant\":\"v7\",\"os.features\":[\"erofs\"]}",
            json);
    }

    [Theory]
    [InlineData("a<b>&c", "\"a\\u003cb\\u003e\\u0026c\"")]
    [InlineData("line\nfeed\ttab\u0001", "\"line\\nfeed\\ttab\\u0001\"")]
    [InlineData("quote\" back\\", "\"quote\\\" back\\\\\"")]
    [InlineData("é \u2028", "\"é \\u2028\"")]
    [InlineData("\b\f", "\"\\b\\f\"")]
    public void Serialize_EscapesStringsAsGo(string value, string expected)
    {
        var manifest = new Manifest
        {
            Config = Descriptor(MediaType.ImageConfig, 1, AmdConfig),
            Layers = [],
            Annotations = new Dictionary<string, string> { ["k"] = value },
        };

        var json = Encoding.UTF8.GetString(OciJson.Serialize(manifest));

        Assert.EndsWith("\"annotations\":{\"k\":" + expected + "}}", json, StringComparison.Ordinal);
    }

    internal static string GoldenPath(params string[] parts) =>
        Fixtures.Path(["apko", "internal", "cli", "testdata", "golden", .. parts]);

    private static void AssertGoldenBlob(string hex, byte[] actual)
    {
        var golden = File.ReadAllBytes(GoldenPath("blobs", "sha256", hex));
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(actual));
        Assert.Equal("sha256:" + hex, Digest.Sha256(actual).ToString());
    }

    private static Descriptor Descriptor(string mediaType, long size, string hex) => new()
    {
        MediaType = mediaType,
        Size = size,
        Digest = Digest.Parse("sha256:" + hex),
    };
}
