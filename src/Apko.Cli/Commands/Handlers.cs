using Apko.Build;
using Microsoft.Extensions.Logging;

namespace Apko.Cli.Commands;

/// <summary>The actions of the commands that run the build library.</summary>
internal static partial class Handlers
{
    public static async Task<int> BuildAsync(CommandContext context, BuildFlags flags, string config, string tag, string output)
    {
        var options = CreateBuildOptions(context, flags, config);
        FlagValidation.CheckTag(tag);
        FlagValidation.CheckOutputDirectory(output, context.Environment.WorkingDirectory);
        using var http = CreateHttpClient();
        var digest = await ImageBuilder.BuildAsync(options, tag, output, http, context.CancellationToken);
        context.Logger.LogInformation("Built {Tag} with index {Digest}", tag, digest);
        return ExitCodes.Success;
    }

    public static async Task<int> LockAsync(CommandContext context, BuildFlags flags, string config, string? output, string suffix)
    {
        var options = CreateBuildOptions(context, flags, config) with { LockFilePath = null };
        using var http = CreateHttpClient();
        // The generator logs the path it wrote.
        await Apko.Locking.LockGenerator.WriteAsync(
            options, output ?? Apko.Locking.LockGenerator.DefaultOutputPath(config, suffix.TrimStart('.')), http, context.CancellationToken);
        return ExitCodes.Success;
    }

    internal static BuildOptions CreateBuildOptions(CommandContext context, BuildFlags flags, string config)
    {
        var options = flags.ToBuildOptions(context.Result, context.Environment, config) with
        {
            Logger = context.Logger,
            TemporaryDirectory = Path.GetTempPath(),
        };
        FlagValidation.Check(options);
        if (context.Result.GetValue(flags.Format) is { Length: > 0 } format && format != "tar")
        {
            throw new UsageException($"--format '{format}' is not supported. Use tar (erofs is not built yet).");
        }

        if (context.Result.GetValue(flags.Vcs) && context.Result.CommandResult.Command.Options.Contains(flags.Vcs))
        {
            options = options with { VcsUrl = VcsProbe.Probe(Path.GetDirectoryName(Path.GetFullPath(config, context.Environment.WorkingDirectory))!) };
        }

        return options;
    }

    internal static HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromMinutes(10),
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"apko/{VersionInfo.Version}");
        return client;
    }
}
