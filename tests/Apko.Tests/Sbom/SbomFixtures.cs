using System.Formats.Tar;
using System.IO.Compression;
using Apko.Apk.Indexes;
using Apko.Oci.Model;
using Apko.Sbom;
using Apko.Testing;

namespace Apko.Tests.Sbom;

/// <summary>Inputs equivalent to apko's golden build (internal/cli/testdata) and its SPDX generator tests.</summary>
internal static class SbomFixtures
{
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

    public static readonly OsRelease GoldenOsRelease = new("replaces", "Replaces", "1.0.0");

    public static string GoldenSbomPath(string name) =>
        Fixtures.Path("apko", "internal", "cli", "testdata", "golden", "sboms", name);

    public static string GeneratorPath(params string[] parts) =>
        Fixtures.Path(["apko", "pkg", "sbom", "generator", "spdx", "testdata", .. parts]);

    /// <summary>The per-arch input of apko's golden build, with apko's digests from the golden layout.</summary>
    public static SbomImageInput GoldenImage(string apkArch)
    {
        var (platform, manifest, config, layer, diffId) = apkArch switch
        {
            "x86_64" => ("amd64", "69f0237c7f8cf0b8a329d1bf1d6870c870c4ec323e39d3a6da59596632d0f2f4",
                "6c815259150f37d000417f9a93f41bddf74dff905c745986069d4b03e954ac1d",
                "c7557730da0e2d7fb242d8d1ac6dcf7e3a2439732aa5981270b4f3a02454b738",
                "20f698463c2755b6dc42b7d07e959ed7455a06e7367d507e829a315898f21a01"),
            _ => ("arm64", "124c885f834cfaf1329987457a9651a68c4fb9733d4462ae6288b98011277858",
                "fbb854f9d5a601a36c4dc8cc82e5b21e91b11cdd4aab5035340e4f517c5a8eb1",
                "7e0f9d62f6cab4785e18a55f17d03f20ffb776881f1f46258efd9458f7cdaf08",
                "ca5e16c7c944d764863cb1a4286e668e72d6d87ef9ddd82337b19d87715bae7e"),
        };
        return new SbomImageInput
        {
            ApkArch = apkArch,
            Platform = new Platform(platform),
            ManifestDigest = new Digest("sha256", manifest),
            ConfigDigest = new Digest("sha256", config),
            Layers = [new SbomLayer(new Digest("sha256", layer), new Digest("sha256", diffId), LayerMediaType)],
            ImageReference = "golden:latest",
            Created = DateTimeOffset.UnixEpoch,
            OsRelease = GoldenOsRelease,
            ToolVersion = "devel",
            Packages = GoldenPackages(apkArch),
        };
    }

    public static SbomIndexInput GoldenIndex() => new()
    {
        IndexDigest = Digest.Parse("sha256:b5f05e6fc882c97d61c1daee566954ae6fc09924f8e152293e2b97a06092069f"),
        Images =
        [
            new SbomIndexImage(GoldenImage("x86_64").ManifestDigest, new Platform("amd64")),
            new SbomIndexImage(GoldenImage("aarch64").ManifestDigest, new Platform("arm64")),
        ],
        ImageReference = "golden:latest",
        Created = DateTimeOffset.UnixEpoch,
        ToolVersion = "devel",
    };

    /// <summary>pretend-baselayout and replayout 1.0.0-r0, with SBOMs from the .apk files.</summary>
    public static IReadOnlyList<SbomPackageInput> GoldenPackages(string apkArch)
    {
        var folder = Fixtures.Path("apko", "internal", "cli", "testdata", "packages", apkArch);
        var index = ReadIndex(Path.Combine(folder, "APKINDEX.tar.gz"));
        return [.. new[] { "pretend-baselayout", "replayout" }.Select(name =>
        {
            var package = index.Single(p => p.Name == name);
            var files = ReadSbomFiles(Path.Combine(folder, $"{package}.apk"));
            return new SbomPackageInput(package, ShippedSbom.Locate(package, files.GetValueOrDefault));
        })];
    }

    /// <summary>Reads the package records of an APKINDEX.tar.gz.</summary>
    public static IReadOnlyList<ApkPackage> ReadIndex(string path)
    {
        foreach (var (name, content) in ReadTar(path))
        {
            if (name == "APKINDEX")
            {
                using var reader = new StreamReader(new MemoryStream(content));
                return ApkIndexTextReader.Read(reader, path);
            }
        }

        throw new InvalidDataException($"{path} has no APKINDEX entry.");
    }

    /// <summary>Returns the files an .apk installs under /var/lib/db/sbom, keyed by absolute path.</summary>
    public static Dictionary<string, byte[]> ReadSbomFiles(string apkPath) =>
        ReadTar(apkPath)
            .Where(e => e.Name.StartsWith("var/lib/db/sbom/", StringComparison.Ordinal))
            .ToDictionary(e => "/" + e.Name, e => e.Content);

    /// <summary>
    /// The 25 Alpine 3.19.1 packages of the alpine-base closure: metadata from the APKINDEX, datahash from each
    /// .PKGINFO, and Alpine's main repository as their source. None ships an SBOM.
    /// </summary>
    public static IReadOnlyList<SbomPackageInput> AlpinePackages()
    {
        var folder = Fixtures.Path("alpine", "v3.19.1-iso", "x86_64");
        var index = ReadIndex(Path.Combine(folder, "APKINDEX.tar.gz"));
        return [.. index.Where(p => File.Exists(Path.Combine(folder, $"{p}.apk"))).Select(p =>
        {
            var info = ReadTar(Path.Combine(folder, $"{p}.apk")).Single(e => e.Name == ".PKGINFO").Content;
            var dataHash = System.Text.Encoding.UTF8.GetString(info).Split('\n')
                .Single(l => l.StartsWith("datahash = ", StringComparison.Ordinal))["datahash = ".Length..];
            return new SbomPackageInput(p with { DataHash = dataHash }, null, AlpineRepository);
        })];
    }

    public const string AlpineRepository = "https://dl-cdn.alpinelinux.org/alpine/v3.19/main";

    /// <summary>An image of the Alpine packages with Alpine's os-release.</summary>
    public static SbomImageInput AlpineImage() =>
        Image(AlpinePackages(), new OsRelease("alpine", "Alpine Linux", "3.19.1"));

    /// <summary>A package as apko's generator tests declare it, with its SBOM from apk_sboms.</summary>
    public static SbomPackageInput GeneratorPackage(string name, string version)
    {
        var package = new ApkPackage { Name = name, Version = version, Arch = "x86_64" };
        var path = GeneratorPath("apk_sboms", $"{name}-{version}.spdx.json");
        return new SbomPackageInput(
            package, new ShippedSbom($"/var/lib/db/sbom/{name}-{version}.spdx.json", File.ReadAllBytes(path)));
    }

    /// <summary>An image input around the given packages, with made-up digests.</summary>
    public static SbomImageInput Image(IReadOnlyList<SbomPackageInput> packages, OsRelease? osRelease = null) => new()
    {
        ApkArch = "x86_64",
        Platform = new Platform("amd64"),
        ManifestDigest = Digest.Sha256("manifest"u8),
        ConfigDigest = Digest.Sha256("config"u8),
        Layers = [new SbomLayer(Digest.Sha256("layer"u8), Digest.Sha256("diff"u8), LayerMediaType)],
        Created = DateTimeOffset.MinValue,
        OsRelease = osRelease,
        ToolVersion = "devel",
        Packages = packages,
    };

    // An .apk is gzip members (signature, control, data) whose tar streams continue one another.
    private static List<(string Name, byte[] Content)> ReadTar(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var entries = new List<(string, byte[])>();
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            entries.Add((entry.Name, buffer.ToArray()));
        }

        return entries;
    }
}
