using Apko.Oci.Model;
using Apko.Oci.Registry;
using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>Options for pushing a built image to a registry.</summary>
public sealed record PublishOptions
{
    /// <summary>Client that talks to the registry, with its credentials.</summary>
    public required RegistryClient Registry { get; init; }

    /// <summary>File to write the pushed per-architecture and index references to; null for none.</summary>
    public string? ImageRefsPath { get; init; }

    /// <summary>Whether to push each SBOM as an artifact whose subject is the image it describes.</summary>
    public bool PushSboms { get; init; } = true;
}

/// <summary>
/// Builds an image and pushes it: blobs and manifests by digest first, the index to every tag last, then the SBOMs
/// as referrers of the images they describe.
/// </summary>
public static class ImagePublisher
{
    /// <summary>Builds and pushes; returns the pushed index as <c>registry/repository@sha256:…</c>.</summary>
    /// <exception cref="ApkoException">The configuration or the build failed.</exception>
    /// <exception cref="Apko.Oci.OciException">A reference is malformed or the registry rejected a request.</exception>
    public static async Task<string> PublishAsync(
        BuildOptions options,
        PublishOptions publish,
        IReadOnlyList<string> tags,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var references = tags.Select(ImageReference.Parse).ToArray();
        var scratch = Path.Combine(options.TemporaryDirectory, "apko-" + Guid.NewGuid().ToString("N"));
        var layout = Path.Combine(scratch, "layout");
        Directory.CreateDirectory(layout);
        try
        {
            var built = await ImageBuilder.BuildInScratchAsync(options, tags[0], scratch, httpClient, cancellationToken)
                .ConfigureAwait(false);
            await ImageBuilder.WriteOutputAsync(built.Index, layout, tags[0], cancellationToken).ConfigureAwait(false);
            var sboms = await ImageBuilder.WriteSbomsAsync(
                options, built, tags[0], cancellationToken, Path.Combine(scratch, "sboms")).ConfigureAwait(false);

            var pusher = new ImagePusher(publish.Registry, options.Logger);
            var result = await pusher.PushAsync(
                layout,
                references,
                new PushOptions { ImageRefsPath = publish.ImageRefsPath },
                cancellationToken).ConfigureAwait(false);

            if (publish.PushSboms)
            {
                await PushSbomsAsync(publish.Registry, result, built, sboms, options.Logger, cancellationToken)
                    .ConfigureAwait(false);
            }

            CopySboms(options, sboms);
            return result.Reference.ToString();
        }
        finally
        {
            ImageBuilder.TryDelete(scratch);
        }
    }

    private static async Task PushSbomsAsync(
        RegistryClient registry,
        PushResult result,
        BuildResult built,
        IReadOnlyList<string> sboms,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        var referrers = new ReferrerPusher(registry, logger);
        var repository = result.Reference.Repository;
        foreach (var path in sboms)
        {
            var name = Path.GetFileName(path);
            var subject = SubjectOf(name, built, result);
            var artifact = new ReferrerArtifact
            {
                FilePath = path,
                ArtifactType = name.EndsWith(".cdx.json", StringComparison.Ordinal) ? MediaType.CycloneDxJson : MediaType.SpdxJson,
                Subject = subject,
            };
            await referrers.PushAsync(repository, artifact, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the descriptor an SBOM file describes: the index for <c>sbom-index.*</c>, else its architecture's image.</summary>
    private static Descriptor SubjectOf(string fileName, BuildResult built, PushResult result)
    {
        if (fileName.StartsWith("sbom-index.", StringComparison.Ordinal))
        {
            return result.Descriptor;
        }

        for (var i = 0; i < built.RootFileSystems.Count; i++)
        {
            if (fileName.StartsWith($"sbom-{built.RootFileSystems[i].Plan.Architecture.ApkName}.", StringComparison.Ordinal))
            {
                return built.Index.Images[i].Manifest.Descriptor;
            }
        }

        return result.Descriptor;
    }

    /// <summary>Copies the SBOMs to <c>--sbom-path</c> when it is set; publish writes no local files otherwise.</summary>
    private static void CopySboms(BuildOptions options, IReadOnlyList<string> sboms)
    {
        if (options.SbomDirectory is null)
        {
            return;
        }

        var directory = Path.GetFullPath(options.SbomDirectory, options.WorkingDirectory);
        Directory.CreateDirectory(directory);
        foreach (var path in sboms)
        {
            File.Copy(path, Path.Combine(directory, Path.GetFileName(path)), overwrite: true);
        }
    }
}
