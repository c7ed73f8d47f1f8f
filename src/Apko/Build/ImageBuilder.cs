using System.Text;
using Apko.Apk.FileSystem;
using Apko.Apk.Repositories;
using Apko.Build.Layering;
using Apko.Build.RootFs;
using Apko.Oci.Layers;
using Apko.Oci.Layout;
using Apko.Oci.Model;
using Apko.Sbom;
using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>
/// Builds an image from an apko configuration: plan, root filesystems per architecture in parallel, layers, image
/// index, output and SBOMs. Nothing is written outside the output paths and the scratch directory, which is
/// deleted at the end, and a failure leaves no partial output.
/// </summary>
public static class ImageBuilder
{
    /// <summary>Builds the image and writes it to <paramref name="outputPath"/>.</summary>
    /// <param name="options">Build inputs.</param>
    /// <param name="tag">Image reference, such as <c>app:latest</c>; it names the image in the output.</param>
    /// <param name="outputPath">An existing directory for an OCI layout, or a file path for a tarball.</param>
    /// <param name="httpClient">Client for remote repositories and keys.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The digest of the image index.</returns>
    /// <exception cref="ApkoException">The configuration or the build failed.</exception>
    /// <exception cref="Apko.Apk.ApkException">A package, index or repository failed.</exception>
    /// <exception cref="Apko.Oci.OciException">The image could not be written.</exception>
    public static async Task<Digest> BuildAsync(
        BuildOptions options,
        string tag,
        string outputPath,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var result = await BuildImageAsync(options, tag, outputPath, httpClient, cancellationToken).ConfigureAwait(false);
        return result.Index.Index.Descriptor.Digest;
    }

    internal static async Task<BuildResult> BuildImageAsync(
        BuildOptions options,
        string tag,
        string outputPath,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(outputPath, options.WorkingDirectory);
        var scratch = Path.Combine(options.TemporaryDirectory, "apko-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var built = await BuildInScratchAsync(options, tag, scratch, httpClient, cancellationToken).ConfigureAwait(false);

            // SBOMs are made before anything is written, so a package's broken SBOM leaves no image behind.
            var sbomFiles = GenerateSboms(options, built, tag);
            await WriteOutputAsync(built.Index, output, tag, cancellationToken).ConfigureAwait(false);
            var sboms = await WriteSbomFilesAsync(options, sbomFiles, null, cancellationToken).ConfigureAwait(false);
            options.Logger?.LogInformation("Wrote {Output} with index {Digest}", output, built.Index.Index.Descriptor.Digest);
            return built with { SbomFiles = sboms };
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    /// <summary>Builds into the scratch directory and returns the index; the layers stay in scratch.</summary>
    internal static async Task<BuildResult> BuildInScratchAsync(
        BuildOptions options,
        string tag,
        string scratch,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var fetcher = CreateFetcher(options, httpClient);
        var (_, plans) = await new BuildPlanner(options, fetcher).PlanAsync(cancellationToken).ConfigureAwait(false);
        var rootfsBuilder = new RootFileSystemBuilder(options, fetcher, scratch);

        var images = new BuiltImage[plans.Count];
        var rootfs = new BuiltRootFileSystem[plans.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plans.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                rootfs[i] = await rootfsBuilder.BuildAsync(plans[i], token).ConfigureAwait(false);
                images[i] = await CreateImageAsync(options, rootfs[i], scratch, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var created = rootfs.Select(r => r.BuildEpoch).Max();
        var index = BuiltIndex.Create(images, ImageAssembler.Annotations(plans[0].Configuration, created));
        var ordered = index.Images.Select(image => rootfs[Array.IndexOf(images, image)]).ToArray();
        _ = tag;
        return new BuildResult(index, ordered, []);
    }

    /// <summary>Creates the repository fetcher a build uses, from the build options.</summary>
    internal static RepositoryFetcher CreateFetcher(BuildOptions options, HttpClient httpClient) =>
        new(httpClient, new RepositoryFetchOptions
        {
            CacheDirectory = options.CacheDirectory,
            Offline = options.Offline,
            Credentials = options.Credentials.Select(c => new HttpCredential(c.Host, c.User, c.Password)).ToArray(),
            MaxHttpResponseSize = options.Limits.MaxHttpResponseSize,
            MaxParallelDownloads = Math.Max(2, options.MaxParallelism * 2),
            UserAgent = "apko/" + options.ToolVersion,
            Logger = options.Logger,
        });

    private static async Task<BuiltImage> CreateImageAsync(
        BuildOptions options,
        BuiltRootFileSystem rootfs,
        string scratch,
        CancellationToken cancellationToken)
    {
        var arch = rootfs.Plan.Architecture.ApkName;
        var writerOptions = new LayerWriterOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism),
            Compression = options.LayerCompression,
        };
        if (rootfs.Plan.Configuration.Layering is { IsEmpty: false } layering)
        {
            var layers = await OriginLayers.WriteAsync(
                rootfs, layering, scratch, writerOptions, options.Logger, cancellationToken).ConfigureAwait(false);
            return await AssembleImageAsync(rootfs, layers, cancellationToken).ConfigureAwait(false);
        }

        var entries = await LayerEntries.FromFileSystemAsync(rootfs.FileSystem, cancellationToken).ConfigureAwait(false);
        var layer = await LayerWriter.WriteAsync(
            entries,
            Path.Combine(scratch, $"layer-{arch}.tar.gz"),
            writerOptions,
            cancellationToken).ConfigureAwait(false);
        options.Logger?.LogInformation("Wrote the layer for {Arch}: {Digest}", arch, layer.Descriptor.Digest);
        return await AssembleImageAsync(rootfs, [layer], cancellationToken).ConfigureAwait(false);
    }

    private static async Task<BuiltImage> AssembleImageAsync(
        BuiltRootFileSystem rootfs,
        IReadOnlyList<LayerBlob> layers,
        CancellationToken cancellationToken)
    {
        var passwd = rootfs.FileSystem.Stat("etc/passwd") is { Type: FileNodeType.RegularFile }
            ? Encoding.UTF8.GetString(await rootfs.FileSystem.ReadFileAsync("etc/passwd", cancellationToken).ConfigureAwait(false))
            : "";
        var runAs = ImageAssembler.ResolveRunAs(rootfs.Plan.Configuration.Accounts.RunAs, passwd);
        return ImageAssembler.CreateImage(rootfs, layers, runAs);
    }

    internal static async Task WriteOutputAsync(BuiltIndex index, string output, string tag, CancellationToken cancellationToken)
    {
        if (Directory.Exists(output))
        {
            await OciLayoutWriter.WriteAsync(index, output, tag, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await OciTarballWriter.WriteAsync(index, output, tag, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<IReadOnlyList<string>> WriteSbomsAsync(
        BuildOptions options,
        BuildResult built,
        string tag,
        CancellationToken cancellationToken,
        string? sbomDirectory = null) =>
        await WriteSbomFilesAsync(options, GenerateSboms(options, built, tag), sbomDirectory, cancellationToken)
            .ConfigureAwait(false);

    private static List<SbomFile> GenerateSboms(BuildOptions options, BuildResult built, string tag)
    {
        var formats = SbomFormatsOf(options);
        var files = new List<SbomFile>();
        if (formats == SbomFormats.None)
        {
            return files;
        }

        for (var i = 0; i < built.Index.Images.Count; i++)
        {
            var input = SbomInputs.ForImage(options, built.Index.Images[i], built.RootFileSystems[i], tag);
            files.AddRange(SbomGenerator.GenerateImage(input, formats));
        }

        files.AddRange(SbomGenerator.GenerateIndex(SbomInputs.ForIndex(options, built, tag), formats));
        return files;
    }

    private static async Task<IReadOnlyList<string>> WriteSbomFilesAsync(
        BuildOptions options,
        IReadOnlyList<SbomFile> files,
        string? sbomDirectory,
        CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return [];
        }

        var directory = sbomDirectory ?? Path.GetFullPath(options.SbomDirectory ?? ".", options.WorkingDirectory);
        if (File.Exists(directory))
        {
            throw new ApkoException(
                "APKO6012", $"The SBOM path '{directory}' is a file. Give a directory with --sbom-path.");
        }

        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            var temporary = path + ".partial-" + Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(temporary, file.Content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }

    private static SbomFormats SbomFormatsOf(BuildOptions options)
    {
        if (!options.Sbom)
        {
            return SbomFormats.None;
        }

        var formats = SbomFormats.None;
        foreach (var name in options.SbomFormats)
        {
            formats |= name.ToLowerInvariant() switch
            {
                "spdx" => SbomFormats.Spdx,
                "cyclonedx" or "cdx" => SbomFormats.CycloneDx,
                _ => throw new ApkoException(
                    "APKO6001", $"--sbom-formats '{name}' is not a known SBOM format. Use spdx, cyclonedx or both."),
            };
        }

        return formats;
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch directory that cannot be removed is left for the system's temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
            // A scratch directory without delete permission is also left for the temp cleaner.
        }
    }
}
