using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Repositories;
using Apko.Apk.Resolution;
using Apko.Build;
using Apko.Configuration;
using Microsoft.Extensions.Logging;

namespace Apko.Locking;

/// <summary>
/// Makes lock files (<c>apko lock</c>): resolves every architecture as a build does, downloads every package to
/// record the byte range and digest of each gzip member, and records the keys with their content.
/// </summary>
public static class LockGenerator
{
    /// <summary>
    /// Returns the default lock file path for a configuration: the path without its extension, then <c>.</c> and
    /// <paramref name="suffix"/>, so <c>apko.yaml</c> gives <c>apko.lock.json</c>.
    /// </summary>
    public static string DefaultOutputPath(string configurationPath, string suffix = "lock.json")
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        var extension = Path.GetExtension(configurationPath);
        return $"{configurationPath[..^extension.Length]}.{suffix}";
    }

    /// <summary>
    /// Locks the configuration of <paramref name="options"/> and writes the lock file to
    /// <paramref name="outputPath"/> (relative to <see cref="BuildOptions.WorkingDirectory"/>). Nothing is written
    /// when locking fails.
    /// </summary>
    /// <param name="options">The configuration, flags, architectures and cache; <c>LockFilePath</c> is ignored.</param>
    /// <param name="outputPath">The lock file to write, such as <see cref="DefaultOutputPath"/> gives.</param>
    /// <param name="httpClient">Client for remote repositories and keys.</param>
    /// <param name="cancellationToken">Cancels locking.</param>
    /// <returns>The absolute path of the written lock file.</returns>
    /// <exception cref="ApkoException">The configuration is invalid or the lock file cannot be written.</exception>
    /// <exception cref="Apko.Apk.ApkException">A package, index or repository failed.</exception>
    public static async Task<string> WriteAsync(
        BuildOptions options,
        string outputPath,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputPath);
        var lockFile = await GenerateAsync(options, httpClient, cancellationToken).ConfigureAwait(false);
        var path = Path.GetFullPath(outputPath, options.WorkingDirectory);
        await LockFileWriter.WriteAsync(lockFile, path, cancellationToken).ConfigureAwait(false);
        options.Logger?.LogInformation("Wrote the lock file {Path}", path);
        return path;
    }

    /// <summary>Resolves, downloads and reads every package and returns the lock file.</summary>
    internal static async Task<LockFile> GenerateAsync(
        BuildOptions options,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var unlocked = options with { LockFilePath = null };
        var fetcher = LockFetchers.Create(unlocked, httpClient);
        var (loaded, plans) = await new BuildPlanner(unlocked, fetcher).PlanAsync(cancellationToken)
            .ConfigureAwait(false);
        var contents = plans[0].Configuration.Contents;
        var packages = new List<LockPackage>();
        foreach (var plan in plans)
        {
            var locked = await LockPackagesAsync(unlocked, fetcher, plan, cancellationToken).ConfigureAwait(false);
            packages.AddRange(locked);
        }

        return new LockFile(
            LockFile.CurrentVersion,
            new LockConfig(options.ConfigurationPath, loaded.Checksum),
            new LockContents(
                LockKeys(plans[0].Keys),
                LockRepositories(contents.BuildRepositories, plans),
                LockRepositories(contents.RuntimeRepositories, plans),
                LockRepositories(contents.Repositories, plans),
                packages));
    }

    /// <summary>Records every key of the build, those of the keyring and those discovered, by where it came from.
    /// </summary>
    private static List<LockKeyring> LockKeys(IReadOnlyList<KeyFile> files) =>
    [
        .. files
            .Select(file => new LockKeyring(
                LockRepositoryNames.StripScheme(file.Source), file.Source, Encoding.UTF8.GetString(file.Content)))
            .OrderBy(key => key.Name, StringComparer.Ordinal),
    ];

    private static List<LockRepository> LockRepositories(
        IReadOnlyList<string> lines,
        IReadOnlyList<ArchitecturePlan> plans) =>
    [
        .. plans.SelectMany(plan => lines.Select(line =>
            LockRepositoryNames.ForRepository(line, plan.Architecture.ApkName))),
    ];

    private static async Task<LockPackage[]> LockPackagesAsync(
        BuildOptions options,
        RepositoryFetcher fetcher,
        ArchitecturePlan plan,
        CancellationToken cancellationToken)
    {
        var arch = plan.Architecture.ApkName;
        var configured = ConfiguredLocations(options, fetcher, plan.Configuration.Contents);
        var packages = plan.Resolution.Packages;
        var locked = new LockPackage[packages.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, packages.Count),
            new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism),
                CancellationToken = cancellationToken,
            },
            async (i, token) => locked[i] = await LockPackageAsync(
                options, fetcher, packages[i], arch, configured, token).ConfigureAwait(false)).ConfigureAwait(false);
        options.Logger?.LogInformation("Locked {Count} packages for {Arch}", locked.Length, arch);
        return locked;
    }

    private static async Task<LockPackage> LockPackageAsync(
        BuildOptions options,
        RepositoryFetcher fetcher,
        ResolvedPackage resolved,
        string arch,
        IReadOnlyDictionary<string, string> configured,
        CancellationToken cancellationToken)
    {
        var package = resolved.Package;
        var repository = resolved.Repository?.Repository
            ?? throw LockErrors.NoRepository(package.Name, package.Version);
        var path = await fetcher.GetPackageAsync(
            repository, arch, $"{package.Name}-{package.Version}.apk", package.Checksum, cancellationToken)
            .ConfigureAwait(false);
        var readOptions = new ApkPackageReadOptions
        {
            IndexEntry = package,
            Limits = new ApkReadLimits
            {
                MaxControlSize = options.Limits.MaxControlSize,
                MaxDataSize = options.Limits.MaxDataSize,
            },
        };
        await using var file = await ApkPackageReader.OpenAsync(path, readOptions, cancellationToken)
            .ConfigureAwait(false);
        var location = configured.GetValueOrDefault(repository.Location, repository.Location);
        return new LockPackage(
            package.Name,
            LockRepositoryNames.PackageUrl(location, arch, package),
            package.Version,
            package.Arch.Length > 0 ? package.Arch : arch,
            file.SignatureRange is { } signature ? Section(signature) : LockSection.Empty,
            Section(file.ControlRange),
            Section(file.DataRange),
            file.Checksum);
    }

    private static LockSection Section(ApkMemberRange range) => new(range.HttpRange, range.Checksum);

    /// <summary>Maps each repository's fetch location (local paths made absolute) to its configured text.</summary>
    private static Dictionary<string, string> ConfiguredLocations(
        BuildOptions options,
        RepositoryFetcher fetcher,
        ImageContents contents)
    {
        var source = new PackageSource(options, fetcher);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ConfigurationOverlay.BuildRepositorySet(contents))
        {
            var location = Repository.Parse(line).Location;
            map.TryAdd(source.ToFetchLocation(location), location);
        }

        return map;
    }
}
