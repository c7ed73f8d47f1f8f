using System.CommandLine;
using Apko.Cli.Commands;

namespace Apko.Cli;

/// <summary>Builds the <c>apko</c> command tree: apko's commands and flags, with the same names.</summary>
internal static class ApkoCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Build OCI images from APK packages declared in an apko YAML file.");
        root.Options.Add(GlobalOptions.LogLevel);
        root.Options.Add(GlobalOptions.WorkDir);
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(LockCommand.Create("lock", "Resolve the packages of each architecture and write a lock file.", ".lock.json"));
        root.Subcommands.Add(LockCommand.Create("resolve", "Deprecated name of 'lock' that writes <config>.resolved.json.", ".resolved.json", hidden: true));
        root.Subcommands.Add(ShowPackagesCommand.Create());
        root.Subcommands.Add(ShowConfigCommand.Create());
        root.Subcommands.Add(DotCommand.Create());
        root.Subcommands.Add(MinirootfsCommand.Create());
        root.Subcommands.Add(CpioCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(CleanCommand.Create());
        root.Subcommands.Add(InstallKeysCommand.Create());
        root.Subcommands.Add(PushLayoutCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create(root));
        return root;
    }
}
