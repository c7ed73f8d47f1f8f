using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Apko.Testing.Registry;

/// <summary>
/// A small multi-architecture image written as an OCI image layout for registry tests: per architecture a
/// config and a layer of its own, plus one layer shared by all. <c>index.json</c> lists the image index once,
/// tagged by <c>org.opencontainers.image.ref.name</c>. The same seed gives the same bytes.
/// </summary>
public sealed class TestImageLayout
{
    private readonly List<string> _blobs = [];
    private readonly List<string> _manifests = [];

    private TestImageLayout(string directory)
    {
        Directory = directory;
    }

    /// <summary>The layout directory.</summary>
    public string Directory { get; }

    /// <summary>Digest of the image index, <c>sha256:…</c>.</summary>
    public string IndexDigest { get; private set; } = "";

    /// <summary>Size of the image index in bytes.</summary>
    public long IndexSize { get; private set; }

    /// <summary>Digests of the per-architecture manifests, in index order.</summary>
    public IReadOnlyList<string> ManifestDigests => _manifests;

    /// <summary>Digests of every distinct config and layer blob.</summary>
    public IReadOnlyList<string> BlobDigests => _blobs;

    /// <summary>Writes a layout into <paramref name="directory"/>, which must be empty or missing.</summary>
    /// <param name="directory">Target directory.</param>
    /// <param name="seed">Text that makes this image's bytes differ from other tests' images.</param>
    /// <param name="architectures">OCI architectures, one manifest each.</param>
    /// <param name="extraLayerBytes">Size of a pseudo-random file added to the shared layer, for large blobs.</param>
    public static TestImageLayout Create(
        string directory,
        string seed,
        IReadOnlyList<string> architectures,
        int extraLayerBytes = 0)
    {
        var layout = new TestImageLayout(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var shared = layout.WriteLayer(seed, "shared", extraLayerBytes);
        var entries = new List<string>();
        foreach (var architecture in architectures)
        {
            var own = layout.WriteLayer(seed, architecture, 0);
            var config = layout.WriteBlob(Encoding.UTF8.GetBytes(
                $"{{\"architecture\":\"{architecture}\",\"os\":\"linux\",\"config\":{{}}," +
                $"\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{shared.DiffId}\",\"{own.DiffId}\"]}}}}"));
            var configDescriptor = Descriptor("application/vnd.oci.image.config.v1+json", config.Digest, config.Size);
            var manifest = layout.WriteBlob(
                Encoding.UTF8.GetBytes(
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                    $"\"config\":{configDescriptor},\"layers\":[{shared.Descriptor},{own.Descriptor}]}}"),
                isManifest: true);
            layout._manifests.Add(manifest.Digest);
            var platform = $"\"platform\":{{\"architecture\":\"{architecture}\",\"os\":\"linux\"}}";
            entries.Add(Descriptor("application/vnd.oci.image.manifest.v1+json", manifest.Digest, manifest.Size,
                platform));
        }

        var index = layout.WriteBlob(Encoding.UTF8.GetBytes(IndexJson(entries)), isManifest: true);
        layout.IndexDigest = index.Digest;
        layout.IndexSize = index.Size;
        var refName = "\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}";
        var indexEntry = Descriptor("application/vnd.oci.image.index.v1+json", index.Digest, index.Size, refName);
        File.WriteAllText(Path.Combine(directory, "index.json"), IndexJson([indexEntry]));
        return layout;
    }

    /// <summary>Returns the path of a blob file in the layout.</summary>
    public string BlobPath(string digest) => Path.Combine(Directory, "blobs", "sha256", digest["sha256:".Length..]);

    private static string Descriptor(string mediaType, string digest, long size, string? extra = null) =>
        $"{{\"mediaType\":\"{mediaType}\",\"digest\":\"{digest}\",\"size\":{size}" +
        (extra is null ? "" : "," + extra) + "}";

    private static string IndexJson(IEnumerable<string> entries) =>
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
        string.Join(",", entries) + "]}";

    private (string Digest, long Size) WriteBlob(byte[] content, bool isManifest = false)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(BlobPath(digest), content);
        if (!isManifest && !_blobs.Contains(digest))
        {
            _blobs.Add(digest);
        }

        return (digest, content.Length);
    }

    private (string Descriptor, string DiffId) WriteLayer(string seed, string name, int extraBytes)
    {
        var tar = CreateTar(seed, name, extraBytes);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        var (digest, size) = WriteBlob(compressed.ToArray());
        var descriptor = Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digest, size);
        return (descriptor, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)));
    }

    // USTAR entries with fixed times: the PAX writer of System.Formats.Tar puts the process id into header names.
    private static byte[] CreateTar(string seed, string name, int extraBytes)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddFile(writer, $"etc/{name}", Encoding.UTF8.GetBytes($"{seed} {name}\n"));
            if (extraBytes > 0)
            {
                var random = new byte[extraBytes];
                new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))).NextBytes(random);
                AddFile(writer, "var/random.bin", random);
            }
        }

        return tar.ToArray();
    }

    private static void AddFile(TarWriter writer, string path, byte[] content)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
        {
            DataStream = new MemoryStream(content),
            ModificationTime = DateTimeOffset.UnixEpoch,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        writer.WriteEntry(entry);
    }
}
