using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko show-packages CONFIG</c>: prints the resolved packages of each architecture.</summary>
internal static class ShowPackagesCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var format = new Option<string>("--format")
        {
            Description = "Output format: name-version, name-version-source, name=version, name=version-source, "
                + "name-(version), name-(version)-source, packagelock, packagelock-source, or a template with "
                + "{{.Name}}, {{.Version}} and {{.Source}}.",
            DefaultValueFactory = _ => "name-version",
        };
        var command = new Command("show-packages", "Show the packages each architecture would install.") { config, format };
        command.Options.Add(flags.Arch);
        command.Options.Add(flags.KeyringAppend);
        command.Options.Add(flags.RepositoryAppend);
        command.Options.Add(flags.BuildRepositoryAppend);
        command.Options.Add(flags.CacheDir);
        command.Options.Add(flags.Offline);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.ShowPackagesAsync(context, flags, result.GetValue(config)!, result.GetValue(format)!),
            token));
        return command;
    }
}
