using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// Reads an OCI image layout the way a registry client would: index.json, then the image index (nested in our
/// layouts, index.json itself in apko's), then a platform's manifest, config and layer.
/// </summary>
internal sealed class OciLayoutReader(string layout)
{
    private const string ImageIndexMediaType = "application/vnd.oci.image.index.v1+json";

    public string Layout { get; } = layout;

    /// <summary>Returns the parsed <c>index.json</c>.</summary>
    public JsonObject ReadIndexJson() => ParseObject(File.ReadAllBytes(Path.Combine(Layout, "index.json")));

    /// <summary>Returns the digest of the image index that <c>index.json</c> points to.</summary>
    public string ReadImageIndexDigest()
    {
        var descriptor = ReadIndexJson()["manifests"]![0]!;
        Assert.True(
            (string?)descriptor["mediaType"] == ImageIndexMediaType,
            $"index.json of '{Layout}' points to '{descriptor["mediaType"]}', not an image index.");
        return (string)descriptor["digest"]!;
    }

    /// <summary>Returns the image index: the nested one when index.json points to one, otherwise index.json.</summary>
    public JsonObject ReadImageIndex()
    {
        var index = ReadIndexJson();
        var first = index["manifests"]![0]!;
        return (string?)first["mediaType"] == ImageIndexMediaType
            ? ParseObject(ReadBlob((string)first["digest"]!))
            : index;
    }

    /// <summary>Returns the manifest for an OCI architecture name (amd64, arm64).</summary>
    public JsonObject ReadManifest(string architecture)
    {
        var manifests = ReadImageIndex()["manifests"]!.AsArray();
        var descriptor = manifests.FirstOrDefault(m => (string?)m!["platform"]?["architecture"] == architecture);
        Assert.True(descriptor is not null, $"The image index of '{Layout}' has no manifest for '{architecture}'.");
        return ParseObject(ReadBlob((string)descriptor!["digest"]!));
    }

    /// <summary>Returns the image config for an OCI architecture name.</summary>
    public JsonObject ReadConfig(string architecture) =>
        ParseObject(ReadBlob((string)ReadManifest(architecture)["config"]!["digest"]!));

    /// <summary>Returns the uncompressed bytes of the single layer of an architecture's image.</summary>
    public byte[] ReadUncompressedLayer(string architecture)
    {
        var layers = ReadManifest(architecture)["layers"]!.AsArray();
        Assert.True(layers.Count == 1, $"The {architecture} image of '{Layout}' has {layers.Count} layers, not 1.");
        var blob = ReadBlob((string)layers[0]!["digest"]!);
        using var gzip = new GZipStream(new MemoryStream(blob), CompressionMode.Decompress);
        var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }

    /// <summary>Returns the entries of the single layer of an architecture's image.</summary>
    public IReadOnlyList<LayerEntry> ReadLayerEntries(string architecture) =>
        LayerEntry.ReadAll(ReadUncompressedLayer(architecture));

    /// <summary>Reads a blob and fails the test unless its bytes hash to its digest.</summary>
    public byte[] ReadBlob(string digest)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Layout, "blobs", "sha256", digest["sha256:".Length..]));
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.True(actual == digest, $"Blob '{digest}' in '{Layout}' hashes to '{actual}'.");
        return bytes;
    }

    private static JsonObject ParseObject(byte[] json) => JsonNode.Parse(json)!.AsObject();
}
