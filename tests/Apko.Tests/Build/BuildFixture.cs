using Apko.Build;
using Apko.Testing;

namespace Apko.Tests.Build;

/// <summary>Temporary directories and options for builds of the fixtures' Alpine configurations.</summary>
internal sealed class BuildFixture : IDisposable
{
    public BuildFixture()
    {
        Root = Directory.CreateTempSubdirectory("apko-build-test-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
        Directory.CreateDirectory(Path.Combine(Root, "out"));
    }

    public string Root { get; }

    public string Output => Path.Combine(Root, "out");

    public static string AlpineDirectory => Fixtures.Path("alpine");

    public BuildOptions Options(string configuration, string? workingDirectory = null) => new()
    {
        ConfigurationPath = configuration,
        WorkingDirectory = workingDirectory ?? AlpineDirectory,
        TemporaryDirectory = Path.Combine(Root, "tmp"),
        CacheDirectory = Path.Combine(Root, "cache"),
        SbomDirectory = Path.Combine(Root, "sbom"),
    };

    /// <summary>Writes a configuration into the fixture's directory tree copy-free: repositories by absolute path.</summary>
    public string WriteConfiguration(string yaml)
    {
        var path = Path.Combine(Root, "apko.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public static string AlpineContents(params string[] packages) =>
        $"""
        contents:
          keyring:
            - {Fixtures.Path("alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")}
          repositories:
            - {Fixtures.Path("alpine", "v3.19.1-iso")}
          packages:
        {string.Concat(packages.Select(p => $"    - {p}\n"))}archs:
          - x86_64

        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaner.
        }
    }
}
