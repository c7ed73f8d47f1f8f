using Apko.Build;
using Apko.Testing;

namespace Apko.Tests.Locking;

/// <summary>
/// Temporary directories for one locking test, and the options that run apko's golden lock test: working
/// directory <c>internal/cli</c>, configuration <c>apko.yaml</c> found through the include path <c>testdata</c>.
/// </summary>
internal sealed class LockWorkspace : IDisposable
{
    public LockWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("apko-lock-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Root, "tmp"));
        Directory.CreateDirectory(System.IO.Path.Combine(Root, "cache"));
    }

    public static string CliDirectory => Fixtures.Path("apko", "internal", "cli");

    public static string GoldenLockPath => Fixtures.Path("apko", "internal", "cli", "testdata", "apko.lock.json");

    public string Root { get; }

    public static HttpClient HttpClient { get; } = new();

    /// <summary>Options as apko's TestLock uses them, with this workspace's scratch and cache directories.</summary>
    public BuildOptions GoldenOptions => new()
    {
        ConfigurationPath = "apko.yaml",
        WorkingDirectory = CliDirectory,
        IncludePaths = ["testdata"],
        Architectures = ["amd64", "arm64"],
        TemporaryDirectory = System.IO.Path.Combine(Root, "tmp"),
        CacheDirectory = System.IO.Path.Combine(Root, "cache"),
        Offline = true,
        MaxParallelism = 2,
    };

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public string Write(string name, byte[] content)
    {
        var path = Path(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
