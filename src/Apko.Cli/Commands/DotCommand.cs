using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko dot CONFIG</c>: prints the resolved dependency graph in Graphviz format.</summary>
internal static class DotCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var spanning = new Option<bool>("--spanning-tree", "-S") { Description = "Draw only the first edge to each package." };
        var command = new Command("dot", "Print the dependency graph of the first architecture in Graphviz format.") { config, spanning };
        command.Options.Add(flags.Arch);
        command.Options.Add(flags.KeyringAppend);
        command.Options.Add(flags.RepositoryAppend);
        command.Options.Add(flags.BuildRepositoryAppend);
        command.Options.Add(flags.CacheDir);
        command.Options.Add(flags.Offline);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.DotAsync(context, flags, result.GetValue(config)!, result.GetValue(spanning)),
            token));
        return command;
    }
}
