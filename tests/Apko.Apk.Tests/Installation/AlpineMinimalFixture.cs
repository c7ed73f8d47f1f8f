using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Testing;

namespace Apko.Apk.Tests.Installation;

/// <summary>
/// Installs the 15 packages of Alpine 3.19.1's minimal world from the ISO fixtures once, in dependency order, and
/// keeps the image, the database and the split packages for the tests that inspect them.
/// </summary>
public sealed class AlpineMinimalFixture : IAsyncLifetime
{
    /// <summary>Install order: every package comes after the packages its dependencies name.</summary>
    public static readonly string[] Order =
    [
        "alpine-baselayout-data", "musl", "busybox", "busybox-binsh", "alpine-baselayout", "alpine-keys",
        "ca-certificates-bundle", "libcrypto3", "libssl3", "ssl_client", "zlib", "apk-tools", "scanelf",
        "musl-utils", "libc-utils",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"apko-install-{Guid.NewGuid():N}");

    public ImageFileSystem FileSystem { get; } = new();

    public InstalledDatabase Database { get; } = new();

    internal List<ApkTestPackage> Packages { get; } = [];

    public static string PackageDirectory => Fixtures.Path("alpine", "v3.19.1-iso", "x86_64");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Packages.AddRange(await InstallAsync(FileSystem, Database, _directory, CancellationToken.None));
    }

    /// <summary>Installs the minimal world into an image, with the packages split into <paramref name="directory"/>.</summary>
    internal static async Task<List<ApkTestPackage>> InstallAsync(
        ImageFileSystem fileSystem,
        InstalledDatabase database,
        string directory,
        CancellationToken cancellationToken)
    {
        var index = await ApkTestPackage.ReadIndexAsync(
            Path.Combine(PackageDirectory, "APKINDEX.tar.gz"), cancellationToken);
        var installer = new PackageInstaller(fileSystem, database);
        var packages = new List<ApkTestPackage>();
        foreach (var name in Order)
        {
            var metadata = index[name];
            var apk = Path.Combine(PackageDirectory, $"{name}-{metadata.Version}.apk");
            var package = await ApkTestPackage.SplitAsync(apk, metadata, directory, cancellationToken);
            await installer.InstallAsync(package.Package, package.Control, package.DataTarPath, cancellationToken);
            packages.Add(package);
        }

        return packages;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
