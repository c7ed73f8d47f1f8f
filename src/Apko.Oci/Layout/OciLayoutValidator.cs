using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Apko.Oci.Model;

namespace Apko.Oci.Layout;

/// <summary>
/// Checks an OCI image layout directory: every blob's size and digest against its descriptors and its file name,
/// media types, image indexes and manifests reachable from <c>index.json</c>, index platforms against configs,
/// config <c>rootfs.diff_ids</c> against the uncompressed layers, and a docker <c>manifest.json</c> when present.
/// </summary>
public sealed class OciLayoutValidator
{
    private readonly string _root;
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, Digest> _digests = new(StringComparer.Ordinal);
    private readonly HashSet<Digest> _configs = [];

    private OciLayoutValidator(string root)
    {
        _root = root;
    }

    /// <summary>Validates the layout in a directory and returns the problems found, empty when it is valid.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(
        string directory,
        CancellationToken cancellationToken)
    {
        var validator = new OciLayoutValidator(Path.GetFullPath(directory));
        await validator.RunAsync(cancellationToken).ConfigureAwait(false);
        return validator._problems;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        CheckOciLayoutFile();
        var index = ReadJson("index.json");
        if (index is not null)
        {
            CheckSchemaVersion("index.json", index.RootElement);
            foreach (var descriptor in Descriptors(index.RootElement, "manifests"))
            {
                await CheckReferencedAsync(descriptor, cancellationToken).ConfigureAwait(false);
            }
        }

        await CheckBlobNamesAsync(cancellationToken).ConfigureAwait(false);
        if (File.Exists(Path.Combine(_root, "manifest.json")))
        {
            CheckDockerManifest();
        }
    }

    private void CheckOciLayoutFile()
    {
        var layout = ReadJson("oci-layout");
        if (layout is not null
            && (!layout.RootElement.TryGetProperty("imageLayoutVersion", out var version)
                || version.GetString() != "1.0.0"))
        {
            _problems.Add("oci-layout: imageLayoutVersion is not \"1.0.0\".");
        }
    }

    private async Task CheckReferencedAsync(JsonElement descriptor, CancellationToken token)
    {
        try
        {
            await CheckManifestOrIndexAsync(descriptor, "index.json", token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException
            or InvalidOperationException or FormatException or InvalidDataException)
        {
            _problems.Add($"{GetString(descriptor, "digest")}: cannot be read: {exception.Message}");
        }
    }

    private async Task CheckManifestOrIndexAsync(JsonElement descriptor, string parent, CancellationToken token)
    {
        var mediaType = GetString(descriptor, "mediaType");
        var path = await CheckBlobAsync(descriptor, parent, token).ConfigureAwait(false);
        if (path is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path, token).ConfigureAwait(false));
        var root = document.RootElement;
        var relative = Path.GetRelativePath(_root, path);
        CheckSchemaVersion(relative, root);
        if (GetString(root, "mediaType") != mediaType)
        {
            _problems.Add(
                $"{relative}: mediaType '{GetString(root, "mediaType")}' differs from '{mediaType}' in {parent}.");
        }

        if (mediaType == MediaType.ImageIndex)
        {
            foreach (var child in Descriptors(root, "manifests"))
            {
                await CheckManifestOrIndexAsync(child, relative, token).ConfigureAwait(false);
            }
        }
        else if (mediaType == MediaType.ImageManifest)
        {
            await CheckImageAsync(relative, root, descriptor, token).ConfigureAwait(false);
        }
        else
        {
            _problems.Add($"{relative}: media type '{mediaType}' in {parent} is not an OCI index or manifest.");
        }
    }

    private async Task CheckImageAsync(
        string relative,
        JsonElement manifest,
        JsonElement descriptor,
        CancellationToken token)
    {
        var config = manifest.GetProperty("config");
        if (GetString(config, "mediaType") != MediaType.ImageConfig)
        {
            _problems.Add(
                $"{relative}: config media type '{GetString(config, "mediaType")}' is not {MediaType.ImageConfig}.");
        }

        var configPath = await CheckBlobAsync(config, relative, token).ConfigureAwait(false);
        if (configPath is null)
        {
            return;
        }

        _configs.Add(Digest.Parse(GetString(config, "digest")!));
        var configBytes = await File.ReadAllBytesAsync(configPath, token).ConfigureAwait(false);
        using var configDocument = JsonDocument.Parse(configBytes);
        var configRoot = configDocument.RootElement;
        CheckPlatform(relative, descriptor, configRoot);
        var diffIds = configRoot.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray()
            .Select(d => d.GetString()).ToArray();
        var layers = Descriptors(manifest, "layers").ToArray();
        if (diffIds.Length != layers.Length)
        {
            _problems.Add($"{relative}: {layers.Length} layers but {diffIds.Length} diff_ids in the config.");
        }

        for (var i = 0; i < layers.Length; i++)
        {
            var diffId = await CheckLayerAsync(layers[i], relative, token).ConfigureAwait(false);
            if (diffId is not null && i < diffIds.Length && diffId.ToString() != diffIds[i])
            {
                _problems.Add($"{relative}: layer {i} has diff_id {diffId} but the config lists {diffIds[i]}.");
            }
        }
    }

    private void CheckPlatform(string relative, JsonElement descriptor, JsonElement config)
    {
        if (!descriptor.TryGetProperty("platform", out var platform))
        {
            return;
        }

        foreach (var name in new[] { "architecture", "os", "variant" })
        {
            if (GetString(platform, name) != GetString(config, name))
            {
                _problems.Add($"{relative}: platform {name} '{GetString(platform, name)}' differs from the config's "
                    + $"'{GetString(config, name)}'.");
            }
        }
    }

    private async Task<Digest?> CheckLayerAsync(JsonElement layer, string parent, CancellationToken token)
    {
        var mediaType = GetString(layer, "mediaType");
        if (mediaType is not (MediaType.LayerTarGzip or MediaType.LayerTarZstd or MediaType.LayerTar))
        {
            _problems.Add($"{parent}: layer media type '{mediaType}' is not a tar, tar+gzip or tar+zstd layer.");
            return null;
        }

        var path = await CheckBlobAsync(layer, parent, token).ConfigureAwait(false);
        if (path is null)
        {
            return null;
        }

        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            if (mediaType == MediaType.LayerTar)
            {
                return await HashAsync(file, token).ConfigureAwait(false);
            }

            Stream decompressed = mediaType == MediaType.LayerTarZstd
                ? new ZstdSharp.DecompressionStream(file)
                : new GZipStream(file, CompressionMode.Decompress);
            await using (decompressed.ConfigureAwait(false))
            {
                return await HashAsync(decompressed, token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Checks that the blob a descriptor names exists with its size and digest; returns its path, or null
    /// when it is missing or different.</summary>
    private async Task<string?> CheckBlobAsync(JsonElement descriptor, string parent, CancellationToken token)
    {
        var digestText = GetString(descriptor, "digest");
        if (!Digest.TryParse(digestText, out var digest))
        {
            _problems.Add($"{parent}: descriptor digest '{digestText}' is not a sha256 digest.");
            return null;
        }

        var relative = LayoutContent.BlobPath(digest);
        var path = Path.Combine(_root, relative);
        if (!File.Exists(path))
        {
            _problems.Add($"{parent}: blob {relative} is missing.");
            return null;
        }

        var size = descriptor.TryGetProperty("size", out var sizeElement) ? sizeElement.GetInt64() : -1;
        var actualSize = new FileInfo(path).Length;
        if (size != actualSize)
        {
            _problems.Add($"{parent}: blob {relative} has {actualSize} bytes but its descriptor says {size}.");
            return null;
        }

        var actual = await GetFileDigestAsync(path, token).ConfigureAwait(false);
        if (actual != digest)
        {
            _problems.Add($"{parent}: blob {relative} has digest {actual}.");
            return null;
        }

        return path;
    }

    private async Task<Digest> GetFileDigestAsync(string path, CancellationToken token)
    {
        if (!_digests.TryGetValue(path, out var digest))
        {
            var file = File.OpenRead(path);
            await using (file.ConfigureAwait(false))
            {
                digest = await HashAsync(file, token).ConfigureAwait(false);
            }

            _digests[path] = digest;
        }

        return digest;
    }

    /// <summary>Checks that every file under blobs/sha256 is named after its digest.</summary>
    private async Task CheckBlobNamesAsync(CancellationToken token)
    {
        var directory = Path.Combine(_root, "blobs", "sha256");
        if (!Directory.Exists(directory))
        {
            _problems.Add("blobs/sha256 is missing.");
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var digest = await GetFileDigestAsync(path, token).ConfigureAwait(false);
            if (digest.Encoded != Path.GetFileName(path))
            {
                _problems.Add($"{Path.GetRelativePath(_root, path)}: content has digest {digest}.");
            }
        }
    }

    private void CheckDockerManifest()
    {
        using var document = ReadJson("manifest.json");
        if (document is null)
        {
            return;
        }

        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var config = GetString(entry, "Config") ?? "";
            var configDigest = config.StartsWith("blobs/sha256/", StringComparison.Ordinal)
                ? "sha256:" + config["blobs/sha256/".Length..]
                : "";
            if (!Digest.TryParse(configDigest, out var digest) || !_configs.Contains(digest))
            {
                _problems.Add($"manifest.json: Config '{config}' is not the config of an image in index.json.");
            }

            if (!entry.TryGetProperty("RepoTags", out var tags) || tags.GetArrayLength() == 0)
            {
                _problems.Add($"manifest.json: the entry for '{config}' has no RepoTags.");
            }

            foreach (var layer in entry.GetProperty("Layers").EnumerateArray())
            {
                if (!File.Exists(Path.Combine(_root, layer.GetString() ?? "")))
                {
                    _problems.Add($"manifest.json: layer '{layer.GetString()}' is missing.");
                }
            }
        }
    }

    private JsonDocument? ReadJson(string relative)
    {
        var path = Path.Combine(_root, relative);
        if (!File.Exists(path))
        {
            _problems.Add($"{relative} is missing.");
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException exception)
        {
            _problems.Add($"{relative} is not valid JSON: {exception.Message}");
            return null;
        }
    }

    private void CheckSchemaVersion(string relative, JsonElement root)
    {
        if (!root.TryGetProperty("schemaVersion", out var version) || version.GetInt32() != 2)
        {
            _problems.Add($"{relative}: schemaVersion is not 2.");
        }
    }

    private static IEnumerable<JsonElement> Descriptors(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task<Digest> HashAsync(Stream stream, CancellationToken token) =>
        Digest.FromSha256Hash(await SHA256.HashDataAsync(stream, token).ConfigureAwait(false));
}
