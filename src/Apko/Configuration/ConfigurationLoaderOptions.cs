namespace Apko.Configuration;

/// <summary>Where <see cref="ConfigurationLoader"/> looks for the configuration file and its includes.</summary>
public sealed record ConfigurationLoaderOptions
{
    /// <summary>
    /// The absolute directory that relative paths start from: apko's working directory (<c>-C</c>, else the
    /// process's current directory, which the caller resolves).
    /// </summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>
    /// Extra directories searched for the configuration and <c>include</c> files (<c>--include-paths</c>), in order;
    /// relative ones start from <see cref="WorkingDirectory"/>.
    /// </summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = [];
}
