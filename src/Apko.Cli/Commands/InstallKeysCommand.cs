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
                "'install-keys' is not built yet. A build discovers the keys of Alpine mirrors and JWKS repositories "
                + "itself when the configuration has no keyring; otherwise pass the keys with contents.keyring or -k."),
            token));
        return command;
    }
}
