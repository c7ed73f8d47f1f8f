using Apko.Oci.Layers;
using Apko.Oci.Model;
using Apko.Oci.Tests.Layers;

namespace Apko.Oci.Tests.Layout;

/// <summary>Builds a small multi-platform image from <see cref="SampleEntries"/>, one layer per architecture.</summary>
internal static class SampleImage
{
    public const string Reference = "example.com/sample/app:1.0";

    public static readonly string[] Architectures = ["x86_64", "aarch64", "armv7"];

    public static async Task<BuiltIndex> BuildAsync(
        string workDirectory,
        IReadOnlyList<string>? architectures = null,
        int maxParallelism = 2)
    {
        var images = new List<BuiltImage>();
        foreach (var arch in architectures ?? Architectures)
        {
            var platform = ArchitectureNames.ToPlatform(arch);
            var layer = await LayerWriter.WriteAsync(
                SampleEntries.Create(arch),
                Path.Combine(workDirectory, arch + ".tar.gz"),
                new LayerWriterOptions { MaxDegreeOfParallelism = maxParallelism },
                TestContext.Current.CancellationToken);
            var config = new ImageConfig
            {
                Architecture = platform.Architecture,
                Variant = platform.Variant,
                Author = "github.com/chainguard-dev/apko",
                History = [new HistoryEntry { Author = "apko", CreatedBy = "apko", Comment = "sample" }],
                Config = new ContainerConfig { Entrypoint = ["/bin/sh"], Env = ["PATH=/bin"] },
            };
            images.Add(BuiltImage.Create(config, [layer], Annotations));
        }

        return BuiltIndex.Create(images, Annotations);
    }

    private static Dictionary<string, string> Annotations => new()
    {
        ["org.opencontainers.image.created"] = "1970-01-01T00:00:00Z",
    };
}
