using Apko.Build;
using Apko.Oci.Model;
using Apko.Testing;

namespace Apko.Tests.Build.Layering;

/// <summary>
/// A temporary directory to build images into with <see cref="ImageBuilder"/>, deleted on dispose. Every build gets
/// its own OCI layout, cache and scratch directory, and an HTTP client that rejects every request, so a build that
/// tries the network fails instead of leaving the machine.
/// </summary>
internal sealed class LayeringBuild : IDisposable
{
    public const string Tag = "layering:test";

    private int _builds;

    public LayeringBuild()
    {
        Path = Directory.CreateTempSubdirectory("apko-layering-").FullName;
    }

    public string Path { get; }

    /// <summary>
    /// Creates a working directory for apko's <c>layering.yaml</c>, which names its repositories both as
    /// <c>./testdata/packages</c> and as <c>./packages</c>: links with both names point at the fixture's test data.
    /// </summary>
    public string CreateApkoWorkingDirectory()
    {
        var directory = System.IO.Path.Combine(Path, "apko-cli-" + Interlocked.Increment(ref _builds));
        var testdata = Fixtures.Path("apko", "internal", "cli", "testdata");
        Directory.CreateDirectory(directory);
        Directory.CreateSymbolicLink(System.IO.Path.Combine(directory, "testdata"), testdata);
        Directory.CreateSymbolicLink(
            System.IO.Path.Combine(directory, "packages"), System.IO.Path.Combine(testdata, "packages"));
        return directory;
    }

    /// <summary>Writes a configuration file into the directory and returns its path.</summary>
    public string WriteConfiguration(string name, string yaml)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Builds a configuration into a new OCI layout and returns the result and the layout path.</summary>
    public async Task<(BuildResult Result, string Layout)> BuildAsync(string configurationPath, string workingDirectory)
    {
        var name = "build-" + Interlocked.Increment(ref _builds);
        var root = Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;
        var layout = Directory.CreateDirectory(System.IO.Path.Combine(root, "layout")).FullName;
        var options = new BuildOptions
        {
            ConfigurationPath = configurationPath,
            WorkingDirectory = workingDirectory,
            CacheDirectory = Directory.CreateDirectory(System.IO.Path.Combine(root, "cache")).FullName,
            TemporaryDirectory = Directory.CreateDirectory(System.IO.Path.Combine(root, "tmp")).FullName,
            SbomDirectory = Directory.CreateDirectory(System.IO.Path.Combine(root, "sbom")).FullName,
            MaxParallelism = 2,
        };
        using var client = new HttpClient(new NoNetworkHandler());
        var result = await ImageBuilder.BuildImageAsync(
            options, Tag, layout, client, TestContext.Current.CancellationToken);
        return (result, layout);
    }

    /// <summary>Returns the path of a blob in an OCI layout.</summary>
    public static string BlobPath(string layout, Digest digest) =>
        System.IO.Path.Combine(layout, "blobs", digest.Algorithm, digest.Encoded);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private sealed class NoNetworkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken) =>
            throw new HttpRequestException(
                $"Tests make no network requests; the build requested '{request.RequestUri}'.");
    }
}
