using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko clean</c>: deletes the package and index cache.</summary>
internal static class CleanCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be deleted and its size; delete nothing." };
        var command = new Command("clean", "Delete the package and index cache.") { dryRun };
        command.Options.Add(flags.CacheDir);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.CleanAsync(context, flags, result.GetValue(dryRun)),
            token));
        return command;
    }
}
