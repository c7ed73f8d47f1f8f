using System.CommandLine;
using Apko.Apk;
using Apko.Oci;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace Apko.Cli;

/// <summary>What a command's action receives: the parse result, the environment, a logger and cancellation.</summary>
internal sealed record CommandContext(
    ParseResult Result,
    CliEnvironment Environment,
    ILogger Logger,
    TextWriter Out,
    CancellationToken CancellationToken);

/// <summary>
/// Runs a command's action with logging on stderr and the one catch-all of the program: it prints the message chain
/// (the stack trace only at <c>--log-level debug</c>) and returns 1, or 2 for a usage error.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult result,
        Func<CommandContext, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var level = ParseLevel(result.GetValue(GlobalOptions.LogLevel));
        using var loggerFactory = CreateLoggerFactory(level);
        var logger = loggerFactory.CreateLogger("apko");
        try
        {
            var environment = CliEnvironment.Read(result.GetValue(GlobalOptions.WorkDir));
            var context = new CommandContext(result, environment, logger, Console.Out, cancellationToken);
            return await action(context);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"Error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Error: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is ApkoException or ApkException or OciException or IOException
            or UnauthorizedAccessException or HttpRequestException)
        {
            await WriteErrorAsync(e, level);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync("Error: internal error; please report it with the output below.");
            await WriteErrorAsync(e, LogLevel.Debug);
            return ExitCodes.Failure;
        }
    }

    private static async Task WriteErrorAsync(Exception error, LogLevel level)
    {
        var code = error switch
        {
            ApkoException e => e.Code,
            ApkException e => e.Code,
            OciException e => e.Code,
            _ => null,
        };
        await Console.Error.WriteLineAsync(
            code is null ? $"Error: {Printable(error.Message)}" : $"Error {code}: {Printable(error.Message)}");
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!error.Message.Contains(inner.Message, StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync($"  caused by: {Printable(inner.Message)}");
            }
        }

        if (level <= LogLevel.Debug)
        {
            await Console.Error.WriteLineAsync(error.ToString());
        }
    }

    /// <summary>
    /// Escapes control characters other than newline and tab, so bytes from a hostile index or package cannot
    /// drive the terminal (set its title, clear the screen) through an error message.
    /// </summary>
    internal static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\t'))
            {
                builder.Append($"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static LogLevel ParseLevel(string? text) => text switch
    {
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" or "fatal" or "panic" => LogLevel.Error,
        _ => LogLevel.Information,
    };

    private static ILoggerFactory CreateLoggerFactory(LogLevel level) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.TimestampFormat = "HH:mm:ss ";
                options.UseUtcTimestamp = true;
            })
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
