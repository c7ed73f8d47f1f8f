using System.Collections.Immutable;
using System.Text;
using Apko.Apk;
using Apko.Apk.Indexes;
using Apko.Apk.Packages;
using Apko.Apk.Repositories;
using Apko.Apk.Resolution;
using Apko.Build;
using Apko.Configuration;
using Microsoft.Extensions.Logging;

namespace Apko.Locking;

/// <summary>
/// Plans a build from a lock file instead of resolving (<c>build --lockfile</c>): checks that the lock was made
/// from this configuration, fetches the locked packages from their locked URLs, verifies every recorded digest, and
/// returns the same <see cref="ArchitecturePlan"/>s a resolved build uses, with the packages in locked order.
/// </summary>
internal sealed class LockedPlan(BuildOptions options, RepositoryFetcher fetcher)
{
    private readonly PackageSource _source = new(options, fetcher);

    /// <summary>Reads the lock file of <see cref="BuildOptions.LockFilePath"/> and plans every architecture.</summary>
    /// <param name="loaded">The loaded configuration, whose checksum the lock must record.</param>
    /// <param name="configuration">The configuration with the command-line flags applied.</param>
    /// <param name="cancellationToken">Cancels reading and fetching.</param>
    /// <exception cref="ApkoException">
    /// The lock is unreadable, malformed or stale, or a package is missing or differs from the lock.
    /// </exception>
    public async Task<IReadOnlyList<ArchitecturePlan>> CreateAsync(
        LoadedConfiguration loaded,
        ImageConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(
            options.LockFilePath ?? throw new InvalidOperationException("No lock file was given."),
            options.WorkingDirectory);
        if (options.ExtraPackages.Count > 0)
        {
            throw LockErrors.PackagesWithLock(path, options.ExtraPackages);
        }

        var lockFile = await LockFileReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        CheckConfiguration(lockFile, loaded, path);
        var keys = await LoadKeysAsync(lockFile.Contents.Keyring, cancellationToken).ConfigureAwait(false);
        var runtime = ConfigurationOverlay.RuntimeRepositorySet(configuration.Contents);

        var plans = new List<ArchitecturePlan>();
        foreach (var architecture in configuration.Archs)
        {
            var resolution = await PlanArchitectureAsync(lockFile, path, configuration, architecture, cancellationToken)
                .ConfigureAwait(false);
            plans.Add(new ArchitecturePlan(architecture, configuration, resolution, keys, runtime));
            options.Logger?.LogInformation(
                "Using {Count} locked packages for {Arch}", resolution.Packages.Count, architecture.ApkName);
        }

        return plans;
    }

    /// <summary>
    /// Accepts the lock when its checksum equals the configuration's checksum with CRLF read as LF, as we write it,
    /// or over the bytes as stored, as apko writes it. A lock without a checksum is used with a warning.
    /// </summary>
    private void CheckConfiguration(LockFile lockFile, LoadedConfiguration loaded, string path)
    {
        if (lockFile.Config?.Checksum is not { Length: > 0 } locked)
        {
            options.Logger?.LogWarning(
                "The lock file {LockFile} records no configuration checksum, so it cannot be checked against {Config}",
                path,
                options.ConfigurationPath);
            return;
        }

        if (locked != loaded.Checksum && locked != loaded.RawChecksum)
        {
            throw LockErrors.StaleConfiguration(path, options.ConfigurationPath, locked, loaded.Checksum);
        }
    }

    private async Task<IReadOnlyList<KeyFile>> LoadKeysAsync(
        IReadOnlyList<LockKeyring> keyring,
        CancellationToken cancellationToken)
    {
        var files = new List<KeyFile>();
        foreach (var key in keyring)
        {
            var content = key.Content is { Length: > 0 } pem
                ? Encoding.UTF8.GetBytes(pem)
                : await fetcher.GetKeyAsync(_source.ToFetchLocation(key.Url), cancellationToken).ConfigureAwait(false);
            files.Add(new KeyFile(PackageSource.KeyFileName(key.Url), content, key.Url));
        }

        return files;
    }

    private async Task<ResolutionResult> PlanArchitectureAsync(
        LockFile lockFile,
        string path,
        ImageConfiguration configuration,
        Architecture architecture,
        CancellationToken cancellationToken)
    {
        var arch = architecture.ApkName;
        var locked = lockFile.Contents.Packages.Where(p => IsLockedFor(p, arch)).ToArray();
        if (locked.Length == 0)
        {
            throw LockErrors.ArchitectureNotLocked(path, arch);
        }

        var tags = RepositoryTags(configuration.Contents);
        var packages = new ApkPackage[locked.Length];
        var repositories = new Repository[locked.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, locked.Length),
            new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism),
                CancellationToken = cancellationToken,
            },
            async (i, token) =>
            {
                repositories[i] = RepositoryOf(locked[i], arch, path, tags);
                packages[i] = await FetchAndVerifyAsync(locked[i], repositories[i], arch, path, token)
                    .ConfigureAwait(false);
            }).ConfigureAwait(false);
        return new ResolutionResult(ToResolved(packages, repositories, arch));
    }

    /// <summary>
    /// Tells whether a lock entry belongs to an architecture: by its <c>architecture</c>, or for a <c>noarch</c>
    /// package, which every architecture's block may list, by the architecture directory of its URL.
    /// </summary>
    private static bool IsLockedFor(LockPackage package, string arch) =>
        package.Architecture == arch
        || (package.Architecture == "noarch"
            && package.Url.EndsWith($"/{arch}/{package.Name}-{package.Version}.apk", StringComparison.Ordinal));

    /// <summary>
    /// Returns the repository of a locked package URL,
    /// <c>&lt;repository&gt;/&lt;arch&gt;/&lt;name&gt;-&lt;version&gt;.apk</c>, with its fetch location and the tag of
    /// the configured repository at that location, if any.
    /// </summary>
    private Repository RepositoryOf(
        LockPackage package, string arch, string path, IReadOnlyDictionary<string, string?> tags)
    {
        var suffix = $"/{arch}/{package.Name}-{package.Version}.apk";
        if (!package.Url.EndsWith(suffix, StringComparison.Ordinal) || package.Url.Length == suffix.Length)
        {
            throw LockErrors.BadPackageUrl(path, package);
        }

        var location = package.Url[..^suffix.Length];
        return new Repository(_source.ToFetchLocation(location), tags.GetValueOrDefault(location));
    }

    private async Task<ApkPackage> FetchAndVerifyAsync(
        LockPackage package,
        Repository repository,
        string arch,
        string path,
        CancellationToken cancellationToken)
    {
        string file;
        try
        {
            file = await fetcher.GetPackageAsync(
                repository, arch, $"{package.Name}-{package.Version}.apk", package.Checksum,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ApkException e)
        {
            throw LockErrors.PackageUnavailable(path, package, e);
        }

        var readOptions = new ApkPackageReadOptions
        {
            Limits = new ApkReadLimits
            {
                MaxControlSize = options.Limits.MaxControlSize,
                MaxDataSize = options.Limits.MaxDataSize,
            },
        };
        await using var opened = await ApkPackageReader.OpenAsync(file, readOptions, cancellationToken)
            .ConfigureAwait(false);
        LockVerification.Verify(opened, package, path);
        return opened.Metadata with
        {
            Checksum = package.Checksum,
            Arch = package.Architecture,
            Size = new FileInfo(file).Length,
        };
    }

    private static List<ResolvedPackage> ToResolved(ApkPackage[] packages, Repository[] repositories, string arch)
    {
        var indexes = repositories
            .Distinct()
            .ToDictionary(
                r => r,
                r => new RepositoryIndex(
                    r, arch, new ApkIndex("locked", [.. packages.Where((_, i) => repositories[i] == r)])));
        return [.. packages.Select((p, i) => new ResolvedPackage(p, indexes[repositories[i]]))];
    }

    /// <summary>Maps each configured repository location, untagged, to its tag (null when untagged).</summary>
    private static Dictionary<string, string?> RepositoryTags(ImageContents contents)
    {
        var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var repository in ConfigurationOverlay.BuildRepositorySet(contents).Select(Repository.Parse))
        {
            tags.TryAdd(repository.Location, repository.Tag);
        }

        return tags;
    }
}
