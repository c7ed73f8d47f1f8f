using Apko.Build;
using Microsoft.Extensions.Logging;

namespace Apko.Cli.Commands;

/// <summary>The actions of the commands that run the build library.</summary>
internal static partial class Handlers
{
    private static ApkoException NotBuiltYet(string command) =>
        new("APKO1900", $"'{command}' is not built yet in this version of apko for .NET.");

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


    public static Task<int> LockAsync(CommandContext context, BuildFlags flags, string config, string? output, string suffix) =>
        throw NotBuiltYet("lock");







    internal static BuildOptions CreateBuildOptions(CommandContext context, BuildFlags flags, string config)
    {
        var options = flags.ToBuildOptions(context.Result, context.Environment, config) with
        {
            Logger = context.Logger,
            TemporaryDirectory = Path.GetTempPath(),
        };
        FlagValidation.Check(options);
        if (options.LockFilePath is not null)
        {
            throw new ApkoException(
                "APKO6100",
                "'--lockfile' is not built yet in this version of apko for .NET; build without it to resolve from the repositories.");
        }

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
