using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using Apko.Apk.Packages;
using Apko.Apk.Repositories;
using Apko.Apk.Resolution;
using Microsoft.Extensions.Logging;

namespace Apko.Build.RootFs;

internal sealed partial class RootFileSystemBuilder
{
    /// <summary>
    /// Downloads and verifies every package in parallel, spools each data tar to the scratch directory, then installs
    /// the packages strictly in resolved order. Regular files of the image refer to the spooled tars.
    /// </summary>
    private async Task InstallPackagesAsync(
        ImageFileSystem fileSystem,
        InstalledDatabase database,
        ArchitecturePlan plan,
        CancellationToken cancellationToken)
    {
        var arch = plan.Architecture.ApkName;
        var packages = plan.Resolution.Packages;
        var requests = packages.Select(p => new PackageFetchRequest(
            p.Repository?.Repository ?? throw MissingRepository(p),
            arch,
            $"{p.Package.Name}-{p.Package.Version}.apk",
            p.Package.Checksum)).ToArray();
        var paths = await fetcher.GetPackagesAsync(requests, cancellationToken).ConfigureAwait(false);

        var directory = Path.Combine(scratchDirectory, arch);
        Directory.CreateDirectory(directory);
        var prepared = new PreparedPackage[packages.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, packages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellationToken },
            async (i, token) => prepared[i] = await PreparePackageAsync(packages[i], paths[i], directory, i, token)
                .ConfigureAwait(false)).ConfigureAwait(false);

        var installer = new PackageInstaller(fileSystem, database);
        foreach (var package in prepared)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await installer.InstallAsync(package.Metadata, package.ControlEntries, package.DataTarPath, cancellationToken)
                .ConfigureAwait(false);
            options.Logger?.LogDebug("Installed {Package} for {Arch}", package.Metadata, arch);
        }
    }

    private async Task<PreparedPackage> PreparePackageAsync(
        ResolvedPackage resolved,
        string path,
        string directory,
        int position,
        CancellationToken cancellationToken)
    {
        var readOptions = new ApkPackageReadOptions
        {
            IndexEntry = resolved.Package,
            Limits = new ApkReadLimits
            {
                MaxControlSize = options.Limits.MaxControlSize,
                MaxDataSize = options.Limits.MaxDataSize,
            },
        };
        await using var file = await ApkPackageReader.OpenAsync(path, readOptions, cancellationToken).ConfigureAwait(false);
        file.VerifyAgainstIndex(resolved.Package);

        var dataTarPath = Path.Combine(directory, $"{position:D4}-{resolved.Package.Name}.tar");
        await using (var output = new FileStream(dataTarPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var data = file.OpenDataTar())
        {
            await data.CopyToAsync(output, 1 << 16, cancellationToken).ConfigureAwait(false);
        }

        // apk-tools records the architecture of the index entry, which is the repository's even for a noarch package.
        var metadata = file.Metadata with
        {
            Arch = resolved.Package.Arch.Length > 0 ? resolved.Package.Arch : file.Metadata.Arch,
            Checksum = file.Checksum,
            Size = resolved.Package.Size != 0 ? resolved.Package.Size : new FileInfo(path).Length,
        };
        var control = file.ControlEntries.Select(e => new ControlEntry(e.Name, e.Mode, e.Data.ToArray())).ToArray();
        return new PreparedPackage(metadata, control, dataTarPath);
    }

    private static ApkoException MissingRepository(ResolvedPackage package) => new(
        "APKO2901",
        $"Package '{package.Package}' was resolved from the installed state, not from a repository, so it cannot be downloaded.");

    private sealed record PreparedPackage(
        Apko.Apk.Indexes.ApkPackage Metadata,
        IReadOnlyList<ControlEntry> ControlEntries,
        string DataTarPath);
}
