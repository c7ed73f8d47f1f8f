using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko lock CONFIG</c>: resolves every architecture and writes a lock file.</summary>
internal static class LockCommand
{
    public static Command Create(string name, string description, string defaultSuffix, bool hidden = false)
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var output = new Option<string?>("--output")
        {
            Description = $"Lock file to write (default: the configuration path with '{defaultSuffix}' for its extension).",
        };
        var command = new Command(name, description) { config, output };
        command.Hidden = hidden;
        command.Options.Add(flags.Arch);
        command.Options.Add(flags.KeyringAppend);
        command.Options.Add(flags.RepositoryAppend);
        command.Options.Add(flags.BuildRepositoryAppend);
        command.Options.Add(flags.IncludePaths);
        command.Options.Add(flags.IgnoreSignatures);
        command.Options.Add(flags.CacheDir);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.LockAsync(context, flags, result.GetValue(config)!, result.GetValue(output), defaultSuffix),
            token));
        return command;
    }
}
