using System.Text.Json;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>
/// Reads the image of any OCI image layout directory for pushing. <c>index.json</c> either lists one manifest or
/// index, which is the root, or lists several manifests and is then the image index itself (as apko writes it).
/// Every manifest's digest and every blob's size are checked before anything is pushed.
/// </summary>
internal static class LayoutImageReader
{
    private const int MaxDepth = 8;

    public static async Task<LayoutImage> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var indexPath = Path.Combine(directory, "index.json");
        byte[] indexContent;
        try
        {
            indexContent = await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Invalid(directory, $"'index.json' cannot be read ({exception.Message})", exception);
        }

        var listed = ReadChildren(directory, "index.json", indexContent);
        var state = new ReadState(directory);
        LayoutManifest root;
        if (listed.Count == 1)
        {
            root = await ReadManifestAsync(state, listed[0], 0, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var descriptor = new Descriptor
            {
                MediaType = MediaType.ImageIndex,
                Digest = Digest.Sha256(indexContent),
                Size = indexContent.Length,
            };
            root = await ReadIndexAsync(state, descriptor, indexContent, listed, 0, cancellationToken)
                .ConfigureAwait(false);
        }

        return new LayoutImage(directory, root, state.Manifests, state.Blobs);
    }

    private static async Task<LayoutManifest> ReadManifestAsync(
        ReadState state,
        Descriptor descriptor,
        int depth,
        CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw Invalid(state.Directory, $"indexes are nested more than {MaxDepth} levels deep");
        }

        var path = BlobPath(state.Directory, descriptor.Digest);
        CheckBlobFile(state.Directory, descriptor, path);
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var name = RelativeBlobPath(descriptor.Digest);
        if (Digest.Sha256(content) != descriptor.Digest)
        {
            throw Invalid(state.Directory, $"the content of '{name}' does not match its digest");
        }

        if (descriptor.MediaType is MediaType.ImageIndex or MediaType.DockerManifestList)
        {
            var children = ReadChildren(state.Directory, name, content);
            return await ReadIndexAsync(state, descriptor, content, children, depth, cancellationToken)
                .ConfigureAwait(false);
        }

        if (descriptor.MediaType is not (MediaType.ImageManifest or MediaType.DockerManifest))
        {
            throw Invalid(state.Directory, $"'{name}' has the media type '{descriptor.MediaType}', which is " +
                "neither an image manifest nor an image index");
        }

        foreach (var blob in ReadManifestBlobs(state.Directory, name, content))
        {
            CheckBlobFile(state.Directory, blob, BlobPath(state.Directory, blob.Digest));
            state.AddBlob(blob);
        }

        var manifest = new LayoutManifest(descriptor, content, []);
        state.AddManifest(manifest);
        return manifest;
    }

    private static async Task<LayoutManifest> ReadIndexAsync(
        ReadState state,
        Descriptor descriptor,
        byte[] content,
        IReadOnlyList<Descriptor> children,
        int depth,
        CancellationToken cancellationToken)
    {
        var read = new List<LayoutManifest>();
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read.Add(await ReadManifestAsync(state, child, depth + 1, cancellationToken).ConfigureAwait(false));
        }

        var index = new LayoutManifest(descriptor, content, read);
        state.AddManifest(index);
        return index;
    }

    private static List<Descriptor> ReadChildren(string directory, string name, byte[] content) =>
        ReadDescriptors(directory, name, content, document =>
            document.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array
                ? [.. manifests.EnumerateArray()]
                : throw Invalid(directory, $"'{name}' has no 'manifests' array"));

    private static List<Descriptor> ReadManifestBlobs(string directory, string name, byte[] content) =>
        ReadDescriptors(directory, name, content, document =>
        {
            if (!document.TryGetProperty("config", out var config) ||
                !document.TryGetProperty("layers", out var layers) ||
                layers.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(directory, $"'{name}' has no 'config' object or no 'layers' array");
            }

            return [config, .. layers.EnumerateArray()];
        });

    private static List<Descriptor> ReadDescriptors(
        string directory,
        string name,
        byte[] content,
        Func<JsonElement, List<JsonElement>> select)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(directory, $"'{name}' is not a JSON object");
            }

            return select(document.RootElement)
                .Select(element => DescriptorJson.TryRead(element, out var problem) ??
                    throw Invalid(directory, $"'{name}': {problem}"))
                .ToList();
        }
        catch (JsonException exception)
        {
            throw Invalid(directory, $"'{name}' is not valid JSON ({exception.Message})", exception);
        }
    }

    private static void CheckBlobFile(string directory, Descriptor descriptor, string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw Invalid(directory, $"the blob '{RelativeBlobPath(descriptor.Digest)}' is missing");
        }

        if (file.Length != descriptor.Size)
        {
            throw Invalid(directory, $"the blob '{RelativeBlobPath(descriptor.Digest)}' has {file.Length} bytes, " +
                $"but its descriptor declares {descriptor.Size}");
        }
    }

    private static string BlobPath(string directory, Digest digest) =>
        Path.Combine(directory, "blobs", digest.Algorithm, digest.Encoded);

    private static string RelativeBlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    private static OciException Invalid(string directory, string reason, Exception? inner = null) =>
        new(RegistryErrors.LayoutInvalidCode, RegistryErrors.LayoutInvalid(directory, reason), inner);

    private sealed class ReadState(string directory)
    {
        private readonly HashSet<Digest> _seenManifests = [];
        private readonly HashSet<Digest> _seenBlobs = [];

        public string Directory { get; } = directory;

        public List<LayoutManifest> Manifests { get; } = [];

        public List<Descriptor> Blobs { get; } = [];

        public void AddManifest(LayoutManifest manifest)
        {
            if (_seenManifests.Add(manifest.Descriptor.Digest))
            {
                Manifests.Add(manifest);
            }
        }

        public void AddBlob(Descriptor blob)
        {
            if (_seenBlobs.Add(blob.Digest))
            {
                Blobs.Add(blob);
            }
        }
    }
}
