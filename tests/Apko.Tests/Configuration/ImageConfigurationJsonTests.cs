using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Apko.Configuration;
using Apko.Testing;

namespace Apko.Tests.Configuration;

public sealed class ImageConfigurationJsonTests
{
    [Theory]
    [InlineData("x86_64", "golden-x86_64-layer.txt", "6e95fdf674ff8e748c982ddc696b8c344761ade226481f0a63725ed61c6a940a")]
    [InlineData("aarch64", "golden-aarch64-layer.txt", "773880d2ec2104e32865314e4329d0278c990f277e6edeae80ffd4a5f53f7414")]
    public async Task Serialize_GoldenLockedConfigMatchesImage(string apkArch, string layerListing, string sha256)
    {
        var options = new ConfigurationLoaderOptions { WorkingDirectory = Fixtures.Path("apko", "internal", "cli") };
        var loaded = await ConfigurationLoader.LoadAsync(
            "testdata/apko.yaml", options, TestContext.Current.CancellationToken);
        var effective = ConfigurationOverlay.Apply(loaded.Configuration, new CommandLineOverlay
        {
            HostArchitecture = ArchitectureTests.Named("x86_64"),
            Annotations = ["org.opencontainers.image.vendor:Vendor", "org.opencontainers.image.title:Title"],
        });

        // The locking step pins every installed package and narrows archs to the image's own architecture.
        var locked = effective with
        {
            Contents = effective.Contents with { Packages = ["pretend-baselayout=1.0.0-r0", "replayout=1.0.0-r0"] },
            Archs = [ArchitectureTests.Named(apkArch)],
        };
        var bytes = ImageConfigurationJson.Serialize(locked);

        var expected = GoldenFileContent(layerListing, "etc/apko.json");
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void Serialize_EscapesAsGoEncodingJson()
    {
        var config = ImageConfiguration.Empty with
        {
            Cmd = "a<b>&c \"q\" \\ \u2028\u2029 \b\f\n\r\t \u0001 \u007f é 😀",
        };

        var json = Encoding.UTF8.GetString(ImageConfigurationJson.Serialize(config));

        Assert.Equal(
            "{\"contents\":{},\"entrypoint\":{},\"cmd\":\"a\\u003cb\\u003e\\u0026c \\\"q\\\" \\\\ \\u2028\\u2029 "
            + "\\b\\f\\n\\r\\t \\u0001 \u007f é 😀\",\"accounts\":{}}\n",
            json);
    }

    [Fact]
    public void Serialize_WritesEveryFieldInApkoOrder()
    {
        var config = FullConfiguration();

        var json = Encoding.UTF8.GetString(ImageConfigurationJson.Serialize(config));

        Assert.Equal(
            "{\"contents\":{\"build_repositories\":[\"b\"],\"runtime_repositories\":[\"rt\"],\"repositories\":[\"r\"],"
            + "\"keyring\":[\"k\"],\"runtime_keyring\":[{\"name\":\"m.rsa.pub\",\"content\":\"PEM\"}],"
            + "\"packages\":[\"p\"]},"
            + "\"entrypoint\":{\"type\":\"service-bundle\",\"command\":\"c\",\"shell-fragment\":\"s\","
            + "\"services\":{\"a\":\"1\",\"b\":\"2\"}},"
            + "\"cmd\":\"cmd\",\"stop-signal\":\"SIGTERM\",\"work-dir\":\"/w\","
            + "\"accounts\":{\"run-as\":\"u\","
            + "\"users\":[{\"username\":\"u\",\"uid\":1000,\"gid\":0,\"homedir\":\"/home/u\"}],"
            + "\"groups\":[{\"groupname\":\"g\",\"gid\":1000,\"members\":[\"u\"]}]},"
            + "\"archs\":[\"amd64\",\"arm/v7\"],\"environment\":{\"A\":\"1\"},"
            + "\"paths\":[{\"path\":\"/d\",\"type\":\"directory\",\"uid\":0,\"permissions\":493,\"recursive\":true},"
            + "{\"path\":\"/l\",\"type\":\"symlink\",\"source\":\"/t\"}],"
            + "\"vcs-url\":\"https://x@1\",\"annotations\":{\"k\":\"v\"},\"include\":\"base.yaml\","
            + "\"volumes\":[\"/v\"],"
            + "\"layering\":{\"strategy\":\"origin\",\"budget\":2},\"format\":\"tar\","
            + "\"certificates\":{\"additional\":[{\"name\":\"c\",\"content\":\"PEM\"}],\"providers\":[\"ca\"]}}\n",
            json);
    }

    internal static ImageConfiguration FullConfiguration() => new()
    {
        Contents = new ImageContents
        {
            BuildRepositories = ["b"],
            RuntimeRepositories = ["rt"],
            Repositories = ["r"],
            Keyring = ["k"],
            RuntimeKeyring = [new RuntimeKeyringEntry("m.rsa.pub", "PEM")],
            Packages = ["p"],
        },
        Entrypoint = new ImageEntrypoint
        {
            Type = "service-bundle",
            Command = "c",
            ShellFragment = "s",
            Services = Map(("b", "2"), ("a", "1")),
        },
        Cmd = "cmd",
        StopSignal = "SIGTERM",
        WorkDir = "/w",
        Accounts = new ImageAccounts
        {
            RunAs = "u",
            Users = [new User { UserName = "u", Uid = 1000, Gid = 0, HomeDir = "/home/u" }],
            Groups = [new Group { GroupName = "g", Gid = 1000, Members = ["u"] }],
        },
        Archs = [ArchitectureTests.Named("x86_64"), ArchitectureTests.Named("armv7")],
        Environment = Map(("A", "1")),
        Paths =
        [
            new PathMutation
            {
                Path = "/d", Type = PathMutationType.Directory, Uid = 0, Permissions = 493, Recursive = true,
            },
            new PathMutation { Path = "/l", Type = PathMutationType.Symlink, Source = "/t" },
        ],
        VcsUrl = "https://x@1",
        Annotations = Map(("k", "v")),
        Include = "base.yaml",
        Volumes = ["/v"],
        Layering = new Layering("origin", 2),
        Format = "tar",
        Certificates = new ImageCertificates
        {
            Additional = [new AdditionalCertificate("c", "PEM")],
            Providers = ["ca"],
        },
    };

    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal, entries.Select(entry => KeyValuePair.Create(entry.Key, entry.Value)));

    // The layer listing prints each small file after a "----- <path> (...)" header line.
    private static string GoldenFileContent(string layerListing, string pathInLayer)
    {
        var lines = File.ReadAllLines(Fixtures.Path("apko", layerListing));
        var header = Array.FindIndex(
            lines, line => line.StartsWith($"----- {pathInLayer} (", StringComparison.Ordinal));
        Assert.True(header >= 0, $"'{pathInLayer}' is not listed in the golden layer file.");
        return lines[header + 1] + "\n";
    }
}
