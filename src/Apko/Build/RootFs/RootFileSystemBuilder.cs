using Apko.Apk.FileSystem;
using Apko.Apk.Installation;
using System.Collections.Immutable;
using Apko.Apk.Repositories;
using Apko.Apk.Resolution;
using Apko.Build.LdsoCache;
using Apko.Configuration;
using Microsoft.Extensions.Logging;

namespace Apko.Build.RootFs;

/// <summary>
/// Builds the root filesystem of one architecture in apko's order: base layout, keys, packages, installed database,
/// accounts, <c>/etc/apko.json</c>, paths, certificates, runtime keys, services, busybox links,
/// <c>/etc/ld.so.cache</c>, repositories.
/// Package scripts are never run.
/// </summary>
internal sealed partial class RootFileSystemBuilder(BuildOptions options, RepositoryFetcher fetcher, string scratchDirectory)
{
    /// <summary>
    /// Where apk-tools 2.x reads its database. It is <c>usr/lib/apk/db</c> through the <c>lib/apk</c> link unless a
    /// package made <c>lib/apk</c> a real directory, as Alpine's apk-tools package does.
    /// </summary>
    private const string DatabaseDirectory = "lib/apk/db";

    public async Task<BuiltRootFileSystem> BuildAsync(ArchitecturePlan plan, CancellationToken cancellationToken)
    {
        var fileSystem = new ImageFileSystem();
        var database = new InstalledDatabase();

        CreateBaseLayout(fileSystem, plan);
        WriteKeys(fileSystem, plan.Keys);
        await InstallPackagesAsync(fileSystem, database, plan, cancellationToken).ConfigureAwait(false);
        LinkApkDirectory(fileSystem);
        InstalledDatabaseWriter.WriteTo(fileSystem, database, DatabaseDirectory, ScriptsModificationTime());
        WriteLockFile(fileSystem);

        var buildEpoch = ComputeBuildEpoch(database);
        var locked = LockConfiguration(plan);
        WriteWorld(fileSystem, plan);
        await ApplyAccountsAsync(fileSystem, plan.Configuration.Accounts, cancellationToken).ConfigureAwait(false);
        WriteApkoJson(fileSystem, locked);
        ApplyPaths(fileSystem, plan.Configuration.Paths);
        await ApplyCertificatesAsync(fileSystem, plan, database, buildEpoch, cancellationToken).ConfigureAwait(false);
        WriteRuntimeKeys(fileSystem, plan.Configuration.Contents.RuntimeKeyring, buildEpoch);
        WriteServices(fileSystem, plan.Configuration.Entrypoint);
        await LinkBusyboxAppletsAsync(fileSystem, database, cancellationToken).ConfigureAwait(false);
        await LdsoCacheWriter.WriteIfGlibcAsync(fileSystem, options.Logger, cancellationToken).ConfigureAwait(false);
        CreateDevices(fileSystem);
        WriteRepositories(fileSystem, plan.RuntimeRepositories);

        options.Logger?.LogInformation(
            "Built the root filesystem for {Arch}: {Count} packages", plan.Architecture.ApkName, database.Packages.Count);
        return new BuiltRootFileSystem(plan, fileSystem, database, buildEpoch, locked);
    }

    /// <summary>
    /// Returns the image creation time: <c>SOURCE_DATE_EPOCH</c> when set, otherwise the newest package build time
    /// with <c>--build-date</c> as a floor.
    /// </summary>
    private DateTimeOffset ComputeBuildEpoch(InstalledDatabase database)
    {
        if (options.SourceDateEpoch is { } epoch)
        {
            return epoch;
        }

        var newest = database.Packages.Select(p => p.Package.BuildTime).DefaultIfEmpty(0).Max();
        var floor = options.BuildDate ?? DateTimeOffset.UnixEpoch;
        var packages = DateTimeOffset.FromUnixTimeSeconds(newest);
        return packages > floor ? packages : floor;
    }

    private long ScriptsModificationTime() =>
        (options.SourceDateEpoch ?? options.BuildDate ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();

    /// <summary>Pins every installed package, as apko locks a configuration before it writes it into the image.</summary>
    private static ImageConfiguration LockConfiguration(ArchitecturePlan plan)
    {
        var packages = plan.Resolution.Packages
            .Select(p => p.Repository?.Repository.Tag is { } tag
                ? $"{p.Package.Name}={p.Package.Version}@{tag}"
                : $"{p.Package.Name}={p.Package.Version}")
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        var contents = plan.Configuration.Contents;
        return plan.Configuration with
        {
            Contents = contents with
            {
                Packages = packages,
                Repositories = [.. contents.Repositories.Select(Credentials.Strip)],
                BuildRepositories = [.. contents.BuildRepositories.Select(Credentials.Strip)],
                RuntimeRepositories = [.. contents.RuntimeRepositories.Select(Credentials.Strip)],
                Keyring = [.. contents.Keyring.Select(Credentials.Strip)],
            },
            Archs = [plan.Architecture],
        };
    }

    /// <summary>Returns a world line in the form apk-tools reads: <c>name@tag=version</c> or <c>name=version</c>.</summary>
    private static string WorldLine(ResolvedPackage resolved) =>
        resolved.Repository?.Repository.Tag is { } tag
            ? $"{resolved.Package.Name}@{tag}={resolved.Package.Version}"
            : $"{resolved.Package.Name}={resolved.Package.Version}";
}
