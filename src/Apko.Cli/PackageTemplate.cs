using System.Text.RegularExpressions;
using Apko.Apk.Resolution;

namespace Apko.Cli;

/// <summary>
/// The subset of Go templates that <c>show-packages --format</c> accepts: text with <c>{{.Name}}</c>,
/// <c>{{.Version}}</c> and <c>{{.Source}}</c> actions, spaces inside the braces allowed (<c>{{ .Name }}</c>).
/// </summary>
internal static partial class PackageTemplate
{
    [GeneratedRegex(@"\{\{-?\s*\.(?<field>[A-Za-z]+)\s*-?\}\}")]
    private static partial Regex Action();

    private static readonly string[] s_fields = ["Name", "Version", "Source"];

    /// <summary>Rejects unknown fields, pipelines and unclosed actions, naming the problem.</summary>
    public static void Check(string template, string format, IEnumerable<string> presets)
    {
        var actions = Action().Matches(template);
        if (actions.Count == 0)
        {
            throw new UsageException(
                $"--format '{format}' is neither a preset ({string.Join(", ", presets)}) nor a template "
                + "with {{.Name}}, {{.Version}} or {{.Source}}.");
        }

        foreach (Match action in actions)
        {
            var field = action.Groups["field"].Value;
            if (!s_fields.Contains(field, StringComparer.Ordinal))
            {
                throw new UsageException(
                    $"--format '{format}': '{action.Value}' names no package field. Use .Name, .Version or .Source.");
            }
        }

        var rest = Action().Replace(template, "");
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
        {
            throw new UsageException(
                $"--format '{format}' has an action this command does not support or that is not closed. "
                + "Only {{.Name}}, {{.Version}} and {{.Source}} are supported.");
        }
    }

    /// <summary>Fills the actions; <c>.Source</c> is the package's location in its repository.</summary>
    public static string Format(string template, ResolvedPackage package)
    {
        var source = package.Repository?.GetPackageLocation(package.Package) ?? "";
        var text = Action().Replace(template, match => match.Groups["field"].Value switch
        {
            "Name" => package.Package.Name,
            "Version" => package.Package.Version,
            _ => source,
        });
        return text.Replace("\\t", "\t", StringComparison.Ordinal);
    }
}
