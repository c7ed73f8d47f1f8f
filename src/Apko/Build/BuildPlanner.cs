using System.Collections.Immutable;
using Apko.Apk;
using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Apko.Apk.Resolution;
using Apko.Apk.Versions;
using Apko.Configuration;
using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>
/// Loads the configuration, applies the command-line flags, reads the keyring and indexes and resolves every
/// architecture together, so that all of them install the same versions.
/// </summary>
internal sealed class BuildPlanner(BuildOptions options, RepositoryFetcher fetcher)
{
    public async Task<(LoadedConfiguration Loaded, IReadOnlyList<ArchitecturePlan> Plans)> PlanAsync(
        CancellationToken cancellationToken)
    {
        var loaded = await ConfigurationLoader.LoadAsync(
            options.ConfigurationPath,
            new ConfigurationLoaderOptions { WorkingDirectory = options.WorkingDirectory, IncludePaths = options.IncludePaths },
            cancellationToken).ConfigureAwait(false);
        var configuration = ApplyFlags(options, loaded.Configuration);
        RejectUnbuiltFeatures(configuration);
        if (options.LockFilePath is not null)
        {
            var locked = new Locking.LockedPlan(options, fetcher);
            return (loaded, await locked.CreateAsync(loaded, configuration, cancellationToken).ConfigureAwait(false));
        }

        var source = new PackageSource(options, fetcher);
        var (keyring, keys) = await source.LoadKeyringAsync(configuration.Contents.Keyring, cancellationToken)
            .ConfigureAwait(false);
        var buildRepositories = ConfigurationOverlay.BuildRepositorySet(configuration.Contents);
        if (buildRepositories.Length == 0)
        {
            throw new ApkoException(
                "APKO1101",
                $"{options.ConfigurationPath}: contents.repositories is empty. Add a repository, or pass one with -r.");
        }

        var architectures = configuration.Archs;
        if (configuration.Contents.Keyring.Length == 0 && !options.IgnoreSignatures)
        {
            var discovered = await new KeyDiscovery(options, fetcher)
                .DiscoverAsync(buildRepositories, [.. architectures.Select(a => a.ApkName)], cancellationToken)
                .ConfigureAwait(false);
            keyring = discovered.Aggregate(keyring, (ring, key) => ring.WithKey(key.FileName, key.Content));
            keys = [.. keys, .. discovered];
        }

        var indexes = new List<RepositoryIndex>();
        foreach (var architecture in architectures)
        {
            indexes.AddRange(await source.LoadIndexesAsync(buildRepositories, architecture.ApkName, keyring, cancellationToken)
                .ConfigureAwait(false));
        }

        var world = ParseWorld(configuration.Contents.Packages);
        var results = Resolver.ResolveArchitectures(indexes, architectures.Select(a => a.ApkName).ToArray(), world);
        var runtime = ConfigurationOverlay.RuntimeRepositorySet(configuration.Contents);
        var plans = architectures
            .Select(a => new ArchitecturePlan(a, configuration, results[a.ApkName], keys, runtime))
            .ToArray();
        foreach (var plan in plans)
        {
            options.Logger?.LogInformation(
                "Resolved {Count} packages for {Arch}", plan.Resolution.Packages.Count, plan.Architecture.ApkName);
        }

        return (loaded, plans);
    }

    /// <summary>Applies the command-line flags of <paramref name="options"/> to a loaded configuration.</summary>
    internal static ImageConfiguration ApplyFlags(BuildOptions options, ImageConfiguration configuration)
    {
        if (!Architecture.TryParse(options.HostArchitecture, out var host))
        {
            host = Architecture.All.First(a => a.ApkName == "x86_64");
        }

        return ConfigurationOverlay.Apply(configuration, new CommandLineOverlay
        {
            HostArchitecture = host,
            RepositoryAppend = options.ExtraRepositories,
            BuildRepositoryAppend = options.ExtraBuildRepositories,
            KeyringAppend = options.ExtraKeyring,
            PackageAppend = options.ExtraPackages,
            Architectures = options.Architectures,
            Annotations = options.ExtraAnnotations.Select(a => $"{a.Key}:{a.Value}").ToArray(),
            VcsUrl = options.VcsUrl,
        });
    }

    private static void RejectUnbuiltFeatures(ImageConfiguration configuration)
    {
        if (configuration.Contents.BaseImage is not null)
        {
            throw NotBuiltYet("contents.baseimage", "build the whole image from packages");
        }

        if (configuration.Format is "erofs")
        {
            throw NotBuiltYet("format: erofs", "use format: tar");
        }
    }

    private static ApkoException NotBuiltYet(string feature, string alternative) =>
        new("APKO1900", $"'{feature}' is not built yet in apko for .NET; {alternative}.");

    private IReadOnlyList<Dependency> ParseWorld(ImmutableArray<string> packages)
    {
        var world = new List<Dependency>();
        for (var i = 0; i < packages.Length; i++)
        {
            try
            {
                world.Add(Dependency.Parse(packages[i]));
            }
            catch (ApkException e)
            {
                throw new ApkoException("APKO1102", $"{options.ConfigurationPath}: contents.packages[{i}]: {e.Message}", e);
            }
        }

        return world;
    }
}
