using System.CommandLine;
using Apko.Build;

namespace Apko.Cli.Commands;

/// <summary>
/// <c>apko install-keys</c>: discovers the signing keys of the repositories in <c>/etc/apk/repositories</c> and
/// writes them to <c>/etc/apk/keys</c>.
/// </summary>
internal static class InstallKeysCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var root = new Option<string>("--root")
        {
            Description = "File system root whose etc/apk is read and written.",
            DefaultValueFactory = _ => "/",
            Hidden = true,
        };
        var command = new Command(
            "install-keys",
            "Discover the signing keys of the repositories in /etc/apk/repositories and install them into /etc/apk/keys.")
        {
            root,
        };
        command.Options.Add(flags.CacheDir);
        command.Options.Add(flags.Offline);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            async context =>
            {
                var options = flags.ToBuildOptions(context.Result, context.Environment, "") with
                {
                    Logger = context.Logger,
                    TemporaryDirectory = Path.GetTempPath(),
                };
                var directory = Path.GetFullPath(result.GetValue(root)!, context.Environment.WorkingDirectory);
                using var http = Handlers.CreateHttpClient();
                var written = await HostKeyInstaller.InstallAsync(directory, options, http, context.CancellationToken);
                foreach (var path in written)
                {
                    await context.Out.WriteLineAsync(path);
                }

                return ExitCodes.Success;
            },
            token));
        return command;
    }
}
