using System.Text;
using Apko.Apk.Resolution;
using Apko.Build;
using Apko.Configuration;

namespace Apko.Cli.Commands;

internal static partial class Handlers
{
    private static readonly Dictionary<string, string> s_packageFormats = new(StringComparer.Ordinal)
    {
        ["name-version"] = "{{.Name}}-{{.Version}}",
        ["name-version-source"] = "{{.Name}}-{{.Version}} {{.Source}}",
        ["name=version"] = "{{.Name}}={{.Version}}",
        ["name=version-source"] = "{{.Name}}={{.Version}} {{.Source}}",
        ["name-(version)"] = "{{.Name}} ({{.Version}})",
        ["name-(version)-source"] = "{{.Name}} ({{.Version}}) {{.Source}}",
        ["packagelock"] = "- {{.Name}}={{.Version}}",
        ["packagelock-source"] = "- {{.Name}}={{.Version}} # {{.Source}}",
    };

    public static async Task<int> ShowPackagesAsync(CommandContext context, BuildFlags flags, string config, string format)
    {
        var template = s_packageFormats.GetValueOrDefault(format, format);
        PackageTemplate.Check(template, format, s_packageFormats.Keys);

        var options = CreateBuildOptions(context, flags, config);
        using var http = CreateHttpClient();
        var architectures = await BuildQueries.ResolveAsync(options, http, context.CancellationToken);
        var output = new StringBuilder();
        foreach (var architecture in architectures)
        {
            if (architectures.Count > 1)
            {
                output.Append("# ").Append(architecture.Architecture).Append('\n');
            }

            foreach (var package in architecture.Packages)
            {
                output.Append(FormatPackage(template, package)).Append('\n');
            }
        }

        await context.Out.WriteAsync(output.ToString());
        return ExitCodes.Success;
    }

    internal static string FormatPackage(string template, ResolvedPackage package) => PackageTemplate.Format(template, package);

    public static async Task<int> ShowConfigAsync(CommandContext context, BuildFlags flags, string config)
    {
        var options = CreateBuildOptions(context, flags, config);
        var configuration = await BuildQueries.LoadConfigurationAsync(options, context.CancellationToken);
        await context.Out.WriteAsync(ImageConfigurationYaml.Serialize(configuration));
        return ExitCodes.Success;
    }

    public static async Task<int> DotAsync(CommandContext context, BuildFlags flags, string config, bool spanningTree)
    {
        var options = CreateBuildOptions(context, flags, config);
        using var http = CreateHttpClient();
        var architectures = await BuildQueries.ResolveAsync(options, http, context.CancellationToken);
        var configuration = await BuildQueries.LoadConfigurationAsync(options, context.CancellationToken);
        await context.Out.WriteAsync(DependencyGraph.Format(architectures[0], configuration.Contents.Packages, spanningTree));
        return ExitCodes.Success;
    }
}
