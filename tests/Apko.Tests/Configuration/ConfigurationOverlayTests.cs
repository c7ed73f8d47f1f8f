using Apko.Configuration;

namespace Apko.Tests.Configuration;

public sealed class ConfigurationOverlayTests
{
    private static readonly Architecture s_host = ArchitectureTests.Named("aarch64");

    private static readonly ImageConfiguration s_config = ImageConfiguration.Empty with
    {
        Contents = new ImageContents
        {
            Repositories = ["https://b.example/main", "https://a.example/main"],
            BuildRepositories = ["https://build.example"],
            RuntimeRepositories = ["https://runtime.example"],
            Keyring = ["z.rsa.pub"],
            Packages = ["zlib", "busybox"],
        },
        Annotations = StringMapsFor(("org.example.a", "config"), ("org.example.b", "config")),
    };

    [Fact]
    public void Apply_AppendsAndSortsUniqueSets()
    {
        var effective = ConfigurationOverlay.Apply(s_config, new CommandLineOverlay
        {
            HostArchitecture = s_host,
            RepositoryAppend = ["https://a.example/main/", "https://c.example"],
            BuildRepositoryAppend = ["https://extra-build.example"],
            KeyringAppend = ["a.rsa.pub", "z.rsa.pub"],
            PackageAppend = ["curl", "busybox"],
        });

        Assert.Equal(
            ["https://a.example/main", "https://b.example/main", "https://c.example"], effective.Contents.Repositories);
        Assert.Equal(["https://build.example", "https://extra-build.example"], effective.Contents.BuildRepositories);
        Assert.Equal(["a.rsa.pub", "z.rsa.pub"], effective.Contents.Keyring);
        Assert.Equal(["busybox", "curl", "zlib"], effective.Contents.Packages);
        Assert.Equal(Architecture.All, effective.Archs);
    }

    [Fact]
    public void BuildAndRuntimeSets_CombineRepositoryLists()
    {
        var effective = ConfigurationOverlay.Apply(s_config, new CommandLineOverlay { HostArchitecture = s_host });

        Assert.Equal(
            ["https://a.example/main", "https://b.example/main", "https://build.example"],
            ConfigurationOverlay.BuildRepositorySet(effective.Contents));
        Assert.Equal(
            ["https://a.example/main", "https://b.example/main", "https://runtime.example"],
            ConfigurationOverlay.RuntimeRepositorySet(effective.Contents));
    }

    [Fact]
    public void Apply_CommandLineAnnotationsWin()
    {
        var effective = ConfigurationOverlay.Apply(s_config, new CommandLineOverlay
        {
            HostArchitecture = s_host,
            Annotations = ["org.example.b:cli:with-colon", "org.example.c:new"],
            VcsUrl = "https://github.com/example/repo@abc123",
        });

        Assert.Equal("config", effective.Annotations["org.example.a"]);
        Assert.Equal("cli:with-colon", effective.Annotations["org.example.b"]);
        Assert.Equal("new", effective.Annotations["org.example.c"]);
        Assert.Equal("https://github.com/example/repo@abc123", effective.VcsUrl);
    }

    [Fact]
    public void Apply_ArchitectureFlagReplacesConfigList()
    {
        var config = s_config with { Archs = [ArchitectureTests.Named("x86_64")] };

        var effective = ConfigurationOverlay.Apply(config, new CommandLineOverlay
        {
            HostArchitecture = s_host,
            Architectures = ["armv7", "host", "amd64", "x86_64"],
        });

        Assert.Equal(["amd64", "arm/v7", "arm64"], effective.Archs.Select(arch => arch.OciName));
    }

    [Fact]
    public void Apply_ConfigArchitecturesKeptAsWritten()
    {
        var config = s_config with { Archs = [ArchitectureTests.Named("aarch64"), ArchitectureTests.Named("x86_64")] };

        var effective = ConfigurationOverlay.Apply(config, new CommandLineOverlay { HostArchitecture = s_host });

        Assert.Equal(["arm64", "amd64"], effective.Archs.Select(arch => arch.OciName));
    }

    [Fact]
    public void Apply_ReportsEveryInvalidFlag()
    {
        var overlay = new CommandLineOverlay
        {
            HostArchitecture = s_host,
            PackageAppend = ["good", "bad>>1"],
            Annotations = ["no-colon", "Upper:x", "empty:", "dup:1", "dup:2"],
            Architectures = ["sparc"],
        };

        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationOverlay.Apply(s_config, overlay));

        var lines = exception.Message.Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.StartsWith(
            "--package-append: 'bad>>1' is not a valid package constraint", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(
            "--annotations: 'no-colon' is not an annotation. Use KEY:VALUE", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(
            "--annotations: 'Upper' is not a valid annotation key.", lines[2], StringComparison.Ordinal);
        Assert.StartsWith(
            "--annotations: The annotation 'empty' has an empty value.", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("--annotations: The annotation 'dup' is given twice.", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("--arch: 'sparc' is not a supported architecture.", lines[5], StringComparison.Ordinal);
    }

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, string> StringMapsFor(
        params (string Key, string Value)[] entries) =>
        System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal, entries.Select(entry => KeyValuePair.Create(entry.Key, entry.Value)));
}
