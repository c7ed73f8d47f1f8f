using System.CommandLine;

namespace Apko.Cli;

/// <summary>Entry point of the <c>apko</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code: 0 success, 1 failure, 2 usage error.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = ApkoCommandLine.Create();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !IsHelpOrVersion(parseResult))
        {
            foreach (var error in parseResult.Errors)
            {
                // System.CommandLine words a missing argument only by its command, so name the argument too.
                var argument = error.SymbolResult is System.CommandLine.Parsing.ArgumentResult result
                    ? $" (argument <{result.Argument.Name}>)"
                    : "";
                Console.Error.WriteLine($"Error: {error.Message}{argument}");
            }

            Console.Error.WriteLine($"Run '{string.Join(' ', new[] { "apko", CommandPath(parseResult), "--help" }.Where(w => w.Length > 0))}' for usage.");
            return ExitCodes.UsageError;
        }

        using var cancellation = new CancellationTokenSource();
        var signalExitCode = 0;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Interlocked.CompareExchange(ref signalExitCode, ExitCodes.Interrupted, 0);
            cancellation.Cancel();
        };

        // SIGTERM (a CI job's timeout, `kill`) cancels like Ctrl+C, so scratch files and partial outputs are removed.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context =>
            {
                context.Cancel = true;
                Interlocked.CompareExchange(ref signalExitCode, ExitCodes.Terminated, 0);
                cancellation.Cancel();
            });
        var exitCode = await parseResult.InvokeAsync(new InvocationConfiguration(), cancellation.Token);

        // A command stopped by a signal exits as shells expect of a process the signal ended: 128 + its number.
        var signalled = Volatile.Read(ref signalExitCode);
        return signalled != 0 && exitCode == ExitCodes.Failure ? signalled : exitCode;
    }

    private static bool IsHelpOrVersion(ParseResult parseResult) =>
        parseResult.Action is System.CommandLine.Help.HelpAction;

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Insert(0, result.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
