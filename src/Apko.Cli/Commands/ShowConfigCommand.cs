using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko show-config CONFIG</c>: prints the loaded configuration with credentials redacted.</summary>
internal static class ShowConfigCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var command = new Command("show-config", "Show the loaded configuration, includes merged, credentials redacted.") { config };
        command.Options.Add(flags.KeyringAppend);
        command.Options.Add(flags.RepositoryAppend);
        command.Options.Add(flags.BuildRepositoryAppend);
        command.Options.Add(flags.CacheDir);
        command.Options.Add(flags.Offline);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.ShowConfigAsync(context, flags, result.GetValue(config)!),
            token));
        return command;
    }
}
