using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Signing;

namespace Apko.Benchmarks;

/// <summary>
/// Writes a signed test repository whose packages hold many MiB of incompressible files, and a configuration that
/// installs all of them, to measure how the build's memory grows with file bytes.
/// </summary>
internal static class LargeRepository
{
    private const int FileSize = 1 << 20;

    /// <summary>Writes <paramref name="totalMiB"/> MiB in 1 MiB files, spread over packages of at most 64 MiB.</summary>
    public static async Task WriteAsync(string directory, int totalMiB)
    {
        var arch = Path.Combine(directory, "repo", "x86_64");
        Directory.CreateDirectory(arch);
        using var key = ApkSigningKey.Generate("bench.rsa.pub");
        await File.WriteAllTextAsync(Path.Combine(directory, "bench.rsa.pub"), key.ExportPublicKeyPem());

        var random = new Random(42);
        var packages = new List<ApkPackage>();
        var names = new List<string>();
        for (var start = 0; start < totalMiB; start += 64)
        {
            var name = $"bulk{start / 64:D3}";
            var builder = new ApkPackageBuilder(name, "1.0-r0").AddDirectory("usr").AddDirectory("usr/share")
                .AddDirectory($"usr/share/{name}");
            for (var i = start; i < Math.Min(totalMiB, start + 64); i++)
            {
                var content = new byte[FileSize];
                random.NextBytes(content);
                builder.AddFile($"usr/share/{name}/file{i:D5}.bin", content);
            }

            packages.Add(await ApkPackageWriter.WriteAsync(builder, Path.Combine(arch, $"{name}-1.0-r0.apk"), key, CancellationToken.None));
            names.Add(name);
        }

        await ApkIndexWriter.WriteArchiveAsync(
            Path.Combine(arch, "APKINDEX.tar.gz"), new ApkIndex("bench", packages), key, CancellationToken.None);
        var yaml = "contents:\n  keyring:\n    - ./bench.rsa.pub\n  repositories:\n    - ./repo\n  packages:\n"
            + string.Concat(names.Select(n => $"    - {n}\n")) + "archs:\n  - x86_64\n";
        await File.WriteAllTextAsync(Path.Combine(directory, "large.yaml"), yaml);
    }
}
