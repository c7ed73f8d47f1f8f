using System.CommandLine;

namespace Apko.Cli;

/// <summary>Options every command accepts: <c>--log-level</c> and <c>-C/--workdir</c>.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> LogLevel = new("--log-level")
    {
        Description = "Verbosity of the log on stderr: debug, info, warn or error.",
        DefaultValueFactory = _ => "info",
        Recursive = true,
    };

    public static readonly Option<string?> WorkDir = new("--workdir", "-C")
    {
        Description = "Directory to run in; relative paths resolve against it.",
        Recursive = true,
    };

    static GlobalOptions()
    {
        LogLevel.AcceptOnlyFromAmong("debug", "info", "warn", "warning", "error", "fatal", "panic");
    }
}
