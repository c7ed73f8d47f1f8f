using Apko.Apk.Repositories;
using Apko.Build;
using Microsoft.Extensions.Logging;

namespace Apko.Cli.Commands;

internal static partial class Handlers
{
    public static async Task<int> RootfsAsync(
        CommandContext context, BuildFlags flags, string config, string output, string? buildArch, RootfsFormat format)
    {
        FlagValidation.CheckBuildArch(buildArch);
        if (context.Result.GetValue(flags.SbomPath) is { Length: > 0 })
        {
            context.Logger.LogWarning(
                "--sbom-path is accepted for compatibility with apko, but a root filesystem archive has no SBOM; "
                + "use 'apko build' for SBOMs.");
        }

        var options = CreateBuildOptions(context, flags, config) with
        {
            Architectures = [buildArch ?? context.Environment.HostArchitecture],
        };
        FlagValidation.Check(options);
        FlagValidation.CheckOutputDirectory(output, context.Environment.WorkingDirectory);
        using var http = CreateHttpClient();
        var archive = format == RootfsFormat.Tar ? RootfsArchiveFormat.Tar : RootfsArchiveFormat.Cpio;
        await RootfsArchive.WriteAsync(options, output, archive, http, context.CancellationToken);
        return ExitCodes.Success;
    }

    public static async Task<int> CleanAsync(CommandContext context, BuildFlags flags, bool dryRun)
    {
        var directory = context.Result.GetValue(flags.CacheDir) is { Length: > 0 } cache
            ? Path.GetFullPath(cache, context.Environment.WorkingDirectory)
            : context.Environment.DefaultCacheDirectory;
        if (!Directory.Exists(directory))
        {
            await context.Out.WriteLineAsync($"Cache '{directory}' does not exist; nothing to delete.");
            return ExitCodes.Success;
        }

        var cacheStore = new RepositoryCache(directory);
        var size = await cacheStore.GetSizeAsync(context.CancellationToken);
        if (dryRun && !File.Exists(Path.Combine(directory, "CACHEDIR.TAG")) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new UsageException(
                $"'{directory}' has no CACHEDIR.TAG, so it is not an apko cache and 'clean' would not delete it. Check --cache-dir.");
        }

        if (dryRun)
        {
            await context.Out.WriteLineAsync($"Would delete '{directory}' ({FormatSize(size)}).");
            return ExitCodes.Success;
        }

        await cacheStore.DeleteAsync(context.CancellationToken);
        await context.Out.WriteLineAsync($"Deleted '{directory}' ({FormatSize(size)}).");
        return ExitCodes.Success;
    }

    internal static string FormatSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? $"{bytes} B"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
