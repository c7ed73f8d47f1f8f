using Apko.Apk.Resolution;
using Apko.Configuration;

namespace Apko.Build;

/// <summary>The packages one architecture resolves to, in install order.</summary>
/// <param name="Architecture">APK architecture name.</param>
/// <param name="Packages">Resolved packages with the repository each comes from.</param>
public sealed record ResolvedArchitecture(string Architecture, IReadOnlyList<ResolvedPackage> Packages);

/// <summary>Read-only questions about a configuration that commands such as <c>show-packages</c> and <c>dot</c> ask.</summary>
public static class BuildQueries
{
    /// <summary>Loads the configuration and applies the command-line flags, without reading any repository.</summary>
    /// <exception cref="ConfigurationException">The configuration or a flag is invalid.</exception>
    public static async Task<ImageConfiguration> LoadConfigurationAsync(BuildOptions options, CancellationToken cancellationToken)
    {
        var loaded = await ConfigurationLoader.LoadAsync(
            options.ConfigurationPath,
            new ConfigurationLoaderOptions { WorkingDirectory = options.WorkingDirectory, IncludePaths = options.IncludePaths },
            cancellationToken).ConfigureAwait(false);
        return BuildPlanner.ApplyFlags(options, loaded.Configuration);
    }

    /// <summary>Resolves every architecture of the configuration together.</summary>
    /// <exception cref="ApkoException">The configuration is invalid.</exception>
    /// <exception cref="Apko.Apk.ApkException">A repository failed or the world cannot be resolved.</exception>
    public static async Task<IReadOnlyList<ResolvedArchitecture>> ResolveAsync(
        BuildOptions options,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        var fetcher = ImageBuilder.CreateFetcher(options, httpClient);
        var (_, plans) = await new BuildPlanner(options, fetcher).PlanAsync(cancellationToken).ConfigureAwait(false);
        return plans.Select(p => new ResolvedArchitecture(p.Architecture.ApkName, p.Resolution.Packages)).ToArray();
    }
}
