using System.CommandLine;
using System.Globalization;
using Apko.Build;

namespace Apko.Cli;

/// <summary>The flags shared by the build family of commands, as apko names them.</summary>
internal sealed class BuildFlags
{
    public Option<string[]> Arch { get; } = new("--arch")
    {
        Description = "Architectures to build, as apk or OCI names (x86_64, arm64…), 'host' or 'all'; "
            + "comma-separated or repeated. Default: the configuration's archs.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> KeyringAppend { get; } = new("--keyring-append", "-k")
    {
        Description = "Extra signing key files or URLs for the repositories.",
    };

    public Option<string[]> RepositoryAppend { get; } = new("--repository-append", "-r")
    {
        Description = "Extra repositories, used to build and written into the image.",
    };

    public Option<string[]> BuildRepositoryAppend { get; } = new("--build-repository-append", "-b")
    {
        Description = "Extra repositories used only to build.",
    };

    public Option<string[]> PackageAppend { get; } = new("--package-append", "-p")
    {
        Description = "Extra packages to install.",
    };

    public Option<string?> BuildDate { get; } = new("--build-date")
    {
        Description = "Earliest image creation time, RFC 3339 (default: the Unix epoch). SOURCE_DATE_EPOCH wins.",
    };

    public Option<string[]> Annotations { get; } = new("--annotations")
    {
        Description = "Extra annotations as key:value; they override the configuration's.",
    };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "Directory of the package and index cache (default: the user cache directory).",
    };

    public Option<bool> Offline { get; } = new("--offline")
    {
        Description = "Use only the cache and make no network request.",
    };

    public Option<bool> IgnoreSignatures { get; } = new("--ignore-signatures")
    {
        Description = "Do not verify APKINDEX signatures.",
    };

    public Option<string[]> IncludePaths { get; } = new("--include-paths")
    {
        Description = "Extra directories searched for the configuration and its includes.",
    };

    public Option<bool> Vcs { get; } = new("--vcs")
    {
        Description = "Record the git origin and commit of the configuration's directory as vcs-url (default: true; --vcs=false turns it off).",
        DefaultValueFactory = _ => true,
    };

    public Option<bool> Sbom { get; } = new("--sbom")
    {
        Description = "Write SBOMs (default: true; --sbom=false turns it off).",
        DefaultValueFactory = _ => true,
    };

    public Option<string?> SbomPath { get; } = new("--sbom-path")
    {
        Description = "Directory to write SBOMs to (default: the working directory, which -C changes).",
    };

    public Option<string[]> SbomFormats { get; } = new("--sbom-formats")
    {
        Description = "SBOM formats: spdx, cyclonedx; comma-separated or repeated.",
        DefaultValueFactory = _ => ["spdx"],
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Lockfile { get; } = new("--lockfile")
    {
        Description = "Install exactly the packages of this lock file.",
    };

    public Option<string> Compression { get; } = new("--compression")
    {
        Description = "Layer compression: gzip (the default, read by every runtime) or zstd (usually smaller and "
            + "faster to unpack, but older runtimes cannot read it).",
        DefaultValueFactory = _ => "gzip",
    };

    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Layer format: tar (erofs is not built yet).",
    };

    public Option<long> MaxIndexSize { get; } = SizeOption("--max-apkindex-decompressed-size", "APKINDEX", 300L << 20);

    public Option<long> MaxControlSize { get; } = SizeOption("--max-apk-control-size", "package control section", 10L << 20);

    public Option<long> MaxDataSize { get; } = SizeOption("--max-apk-data-size", "package data section", 16L << 30);

    public Option<long> MaxHttpSize { get; } = SizeOption("--max-http-response-size", "HTTP response", 8L << 30);

    private static Option<long> SizeOption(string name, string what, long defaultValue) => new(name)
    {
        Description = $"Largest decompressed {what} in bytes; 0 for the default "
            + $"({defaultValue.ToString(CultureInfo.InvariantCulture)}), -1 for no limit.",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError(
                $"{name} '{text}' is not a number of bytes. Give a whole number, 0 for the default or -1 for no limit.");
            return 0;
        },
    };

    /// <summary>Converts the parsed flags and the environment into build options.</summary>
    public BuildOptions ToBuildOptions(ParseResult result, CliEnvironment environment, string configurationPath)
    {
        return new BuildOptions
        {
            ConfigurationPath = configurationPath,
            TemporaryDirectory = Path.GetTempPath(),
            WorkingDirectory = environment.WorkingDirectory,
            Architectures = SplitArchitectures(result.GetValue(Arch)),
            HostArchitecture = environment.HostArchitecture,
            ExtraKeyring = result.GetValue(KeyringAppend) ?? [],
            ExtraRepositories = result.GetValue(RepositoryAppend) ?? [],
            ExtraBuildRepositories = result.GetValue(BuildRepositoryAppend) ?? [],
            ExtraPackages = result.GetValue(PackageAppend) ?? [],
            ExtraAnnotations = AnnotationParser.Parse(result.GetValue(Annotations) ?? []),
            BuildDate = ParseBuildDate(result.GetValue(BuildDate)),
            SourceDateEpoch = SourceDateEpochOf(environment, ParseBuildDate(result.GetValue(BuildDate))),
            CacheDirectory = result.GetValue(CacheDir) is { Length: > 0 } cache
                ? Path.GetFullPath(cache, environment.WorkingDirectory)
                : environment.DefaultCacheDirectory,
            Offline = result.GetValue(Offline),
            IgnoreSignatures = result.GetValue(IgnoreSignatures),
            IncludePaths = result.GetValue(IncludePaths) ?? [],
            LockFilePath = result.GetValue(Lockfile),
            Limits = new SizeLimits(
                Limit(result, MaxIndexSize, 300L << 20),
                Limit(result, MaxControlSize, 10L << 20),
                Limit(result, MaxDataSize, 16L << 30),
                Limit(result, MaxHttpSize, 8L << 30)),
            Credentials = environment.Credentials,
            Sbom = result.GetValue(Sbom),
            SbomDirectory = result.GetValue(SbomPath),
            SbomFormats = SplitList(result.GetValue(SbomFormats)),
            LayerCompression = ParseCompression(result.GetValue(Compression)),
            ToolVersion = VersionInfo.Version,
        };
    }

    /// <summary>
    /// Returns the fixed creation time: <c>SOURCE_DATE_EPOCH</c> when it has a value, and, as apko does, the
    /// <c>--build-date</c> value (or the epoch) when the variable is set but empty; null when it is unset.
    /// </summary>
    private static DateTimeOffset? SourceDateEpochOf(CliEnvironment environment, DateTimeOffset? buildDate) =>
        environment.SourceDateEpoch ?? (environment.SourceDateEpochPresent ? buildDate ?? DateTimeOffset.UnixEpoch : null);

    public static IReadOnlyList<string> SplitList(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();

    private static Apko.Oci.Layers.LayerCompression ParseCompression(string? value) => value switch
    {
        null or "gzip" => Apko.Oci.Layers.LayerCompression.Gzip,
        "zstd" => Apko.Oci.Layers.LayerCompression.Zstd,
        _ => throw new UsageException($"--compression '{value}' is not supported. Use gzip or zstd."),
    };

    /// <summary>Splits the --arch values, rejecting an empty one, which usually comes from an unset variable.</summary>
    private static IReadOnlyList<string> SplitArchitectures(string[]? values)
    {
        if (values is not null && values.Any(value => value.Split(',').Any(string.IsNullOrWhiteSpace)))
        {
            throw new UsageException(
                "--arch has an empty value. Give an architecture such as x86_64 or aarch64, 'host' or 'all', "
                + "or leave the flag out to build the configuration's archs.");
        }

        return SplitList(values);
    }

    private static long Limit(ParseResult result, Option<long> option, long defaultValue) =>
        result.GetValue(option) switch
        {
            0 => defaultValue,
            -1 => long.MaxValue,
            < -1 and var value => throw new UsageException(
                $"{option.Name} {value.ToString(CultureInfo.InvariantCulture)} is not a size. Give a number of bytes, "
                + "0 for the default or -1 for no limit."),
            var value => value,
        };

    private static DateTimeOffset? ParseBuildDate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            throw new UsageException(
                $"--build-date '{text}' is not an RFC 3339 time. Write it like 2024-01-26T01:51:33Z.");
        }

        return date.ToUniversalTime();
    }
}
