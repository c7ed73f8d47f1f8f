using System.Globalization;
using System.Runtime.InteropServices;
using Apko.Build;

namespace Apko.Cli;

/// <summary>
/// What the command line takes from the process: working directory, environment variables and machine facts.
/// Only the CLI reads these; the library receives them in option records.
/// </summary>
internal sealed record CliEnvironment(
    string WorkingDirectory,
    DateTimeOffset? SourceDateEpoch,
    bool SourceDateEpochPresent,
    IReadOnlyList<RepositoryCredential> Credentials,
    string DefaultCacheDirectory,
    string HostArchitecture)
{
    /// <summary>Reads the environment, after changing to <paramref name="workDir"/> when it is given.</summary>
    public static CliEnvironment Read(string? workDir)
    {
        var current = Directory.GetCurrentDirectory();
        var workingDirectory = string.IsNullOrEmpty(workDir) ? current : Path.GetFullPath(workDir, current);
        if (!Directory.Exists(workingDirectory))
        {
            throw new UsageException($"-C/--workdir '{workDir}' is not a directory.");
        }

        return new CliEnvironment(
            workingDirectory,
            ReadSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")),
            Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is not null,
            ParseHttpAuth(Environment.GetEnvironmentVariable("HTTP_AUTH")),
            DefaultCache(),
            HostApkArchitecture());
    }

    /// <summary>Parses <c>SOURCE_DATE_EPOCH</c>: unset or blank means none; otherwise whole seconds.</summary>
    public static DateTimeOffset? ReadSourceDateEpoch(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // DateTimeOffset ends at year 9999, 253402300799 seconds after the epoch.
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253402300799)
        {
            throw new UsageException(
                $"SOURCE_DATE_EPOCH '{value}' is not a number of seconds since 1970. Set it like SOURCE_DATE_EPOCH=1700000000.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>Parses <c>HTTP_AUTH=basic:HOST:USER:PASSWORD</c> as apko reads it; the password may contain ':'.</summary>
    public static IReadOnlyList<RepositoryCredential> ParseHttpAuth(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var parts = value.Split(':', 4);
        if (parts.Length != 4 || parts[0] != "basic" || parts[1].Length == 0)
        {
            throw new UsageException("HTTP_AUTH is not 'basic:HOST:USER:PASSWORD'. Only basic authentication is supported.");
        }

        return [new RepositoryCredential(parts[1], parts[2], parts[3])];
    }

    private static string DefaultCache()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "dev.chainguard.go-apk");
    }

    private static string HostApkArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "x86",
        Architecture.Arm => "armv7",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        _ => "x86_64",
    };
}
