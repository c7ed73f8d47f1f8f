using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko install-keys</c>: not built yet; fails with a message that says so.</summary>
internal static class InstallKeysCommand
{
    public static Command Create()
    {
        var command = new Command("install-keys", "Discover repository signing keys and install them on the host (not built yet).");
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            _ => throw new ApkoException(
                "APKO1900",
                "'install-keys' is not built yet: signing-key discovery is not supported. "
                + "Download the keys yourself and pass them with contents.keyring or -k."),
            token));
        return command;
    }
}
