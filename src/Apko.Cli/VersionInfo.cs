using System.Reflection;

namespace Apko.Cli;

/// <summary>Version of this build of the tool, from the assembly's informational version.</summary>
internal static class VersionInfo
{
    public static string Version { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "devel";
}
