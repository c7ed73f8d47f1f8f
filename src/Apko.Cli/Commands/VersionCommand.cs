using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Apko.Cli.Commands;

/// <summary><c>apko version</c>: prints the tool version, as text or with <c>--json</c>.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the version information as JSON." };
        var command = new Command("version", "Print the version of apko.") { json };
        command.SetAction(result =>
        {
            var info = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["gitVersion"] = VersionInfo.Version,
                ["compiler"] = $".NET {Environment.Version}",
                ["platform"] = $"{RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant()}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
            };
            if (result.GetValue(json))
            {
                using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
                writer.WriteStartObject();
                foreach (var (key, value) in info)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
                writer.Flush();
                Console.Out.WriteLine();
                return ExitCodes.Success;
            }

            Console.Out.WriteLine($"apko for .NET {VersionInfo.Version}");
            Console.Out.WriteLine($"Runtime: {info["compiler"]}");
            Console.Out.WriteLine($"Platform: {info["platform"]}");
            return ExitCodes.Success;
        });
        return command;
    }
}
