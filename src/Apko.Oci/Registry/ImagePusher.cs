using System.Text;
using Apko.Oci.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Apko.Oci.Registry;

/// <summary>
/// Pushes the image of an OCI image layout directory to one or more tags: first every blob, then every manifest
/// and the index by digest, into each repository the tags name, and only then the tags. A failed or interrupted
/// push therefore never leaves a tag pointing at an incomplete index.
/// </summary>
public sealed class ImagePusher
{
    private readonly RegistryClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates a pusher that sends through <paramref name="client"/>.</summary>
    public ImagePusher(RegistryClient client, ILogger? logger = null)
    {
        _client = client;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Pushes the image of a layout directory to every tag and returns what was pushed.</summary>
    /// <param name="layoutDirectory">An OCI image layout directory.</param>
    /// <param name="tags">References to push to; those without a tag get the image by digest only.</param>
    /// <param name="options">Concurrency, progress and the image references file; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the push; tags already set stay set.</param>
    /// <exception cref="OciException">The layout is invalid (APKO5009), no tag was given (APKO5012), or the image
    /// references file could not be written (APKO5014).</exception>
    /// <exception cref="RegistryException">A registry request failed after all retries.</exception>
    public async Task<PushResult> PushAsync(
        string layoutDirectory,
        IReadOnlyList<ImageReference> tags,
        PushOptions? options,
        CancellationToken cancellationToken)
    {
        options ??= new PushOptions();
        if (tags.Count == 0)
        {
            throw new OciException(RegistryErrors.NoTagsCode, RegistryErrors.NoTags());
        }

        var image = await LayoutImageReader.ReadAsync(layoutDirectory, cancellationToken).ConfigureAwait(false);
        var repositories = tags.Select(tag => tag.Repository).Distinct().ToList();
        foreach (var repository in repositories)
        {
            var mountFrom = repository != repositories[0] && repository.Registry == repositories[0].Registry
                ? repositories[0].Name
                : null;
            await PushBlobsAsync(image, repository, mountFrom, options, cancellationToken).ConfigureAwait(false);
            await PushManifestsAsync(image, repository, options.Progress, cancellationToken).ConfigureAwait(false);
        }

        var tagged = await PushTagsAsync(image.Root, tags, options.Progress, cancellationToken).ConfigureAwait(false);
        var result = new PushResult(
            new ImageReference(repositories[0], null, image.Root.Descriptor.Digest),
            image.Root.Descriptor,
            image.Root.Children.Select(child => new ImageReference(repositories[0], null, child.Descriptor.Digest))
                .ToList(),
            tagged);
        if (options.ImageRefsPath is not null)
        {
            await WriteImageRefsAsync(options.ImageRefsPath, result.FormatImageRefs(), cancellationToken)
                .ConfigureAwait(false);
        }

        RegistryLog.ImagePushed(_logger, result.Reference.ToString());
        return result;
    }

    private Task PushBlobsAsync(
        LayoutImage image,
        RegistryRepository repository,
        string? mountFrom,
        PushOptions options,
        CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrentUploads),
            CancellationToken = cancellationToken,
        };
        var blobOptions = new BlobPushOptions { MountFrom = mountFrom, Progress = options.Progress };
        return Parallel.ForEachAsync(image.Blobs, parallel, async (blob, token) =>
        {
            var path = image.BlobPath(blob.Digest);
            await _client.PushBlobAsync(repository, blob, () => OpenBlob(path), blobOptions, token)
                .ConfigureAwait(false);
        });
    }

    private async Task PushManifestsAsync(
        LayoutImage image,
        RegistryRepository repository,
        IProgress<PushProgress>? progress,
        CancellationToken cancellationToken)
    {
        foreach (var manifest in image.Manifests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var descriptor = manifest.Descriptor;
            await _client.PushManifestAsync(repository, descriptor.Digest.ToString(), descriptor.MediaType,
                manifest.Content, cancellationToken).ConfigureAwait(false);
            var reference = new ImageReference(repository, null, descriptor.Digest).ToString();
            progress?.Report(new PushProgress(PushStage.ManifestPushed, descriptor.Digest, descriptor.Size,
                descriptor.Size, reference));
        }
    }

    private async Task<List<ImageReference>> PushTagsAsync(
        LayoutManifest root,
        IReadOnlyList<ImageReference> tags,
        IProgress<PushProgress>? progress,
        CancellationToken cancellationToken)
    {
        var tagged = new List<ImageReference>();
        foreach (var tag in tags.Where(tag => tag.Tag is not null).Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reference = tag.WithTag(tag.Tag!);
            await _client.PushManifestAsync(reference.Repository, reference.Tag!, root.Descriptor.MediaType,
                root.Content, cancellationToken).ConfigureAwait(false);
            progress?.Report(new PushProgress(PushStage.TagPushed, root.Descriptor.Digest, root.Descriptor.Size,
                root.Descriptor.Size, reference.ToString()));
            tagged.Add(reference);
        }

        return tagged;
    }

    private static FileStream OpenBlob(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);

    private static async Task WriteImageRefsAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken)
                .ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new OciException(
                RegistryErrors.ImageRefsWriteFailedCode,
                RegistryErrors.ImageRefsWriteFailed(path, exception.Message),
                exception);
        }
    }
}
