using Apko.Apk.Versions;
using Apko.Build;
using Apko.Configuration;
using Apko.Oci.Registry;

namespace Apko.Cli;

/// <summary>Checks flag values before any work starts, so a mistyped flag is a usage error (exit 2) with no output.</summary>
internal static class FlagValidation
{
    public static void Check(BuildOptions options)
    {
        foreach (var arch in options.Architectures)
        {
            if (arch is not ("all" or "host") && !Architecture.TryParse(arch, out _))
            {
                throw new UsageException(
                    $"--arch '{arch}' is not a supported architecture. Use one of: "
                    + $"{string.Join(", ", Architecture.All.Select(a => a.ApkName))}, their OCI names, 'host' or 'all'.");
            }
        }

        foreach (var (flag, values) in new[]
                 {
                     ("--repository-append", options.ExtraRepositories),
                     ("--build-repository-append", options.ExtraBuildRepositories),
                     ("--keyring-append", options.ExtraKeyring),
                 })
        {
            if (values.Any(string.IsNullOrWhiteSpace))
            {
                throw new UsageException($"{flag} has an empty value. Give a path or URL, or leave the flag out.");
            }
        }

        foreach (var package in options.ExtraPackages)
        {
            if (!Dependency.TryParse(package, out _))
            {
                throw new UsageException(
                    $"--package-append '{package}' is not a valid package constraint. Use NAME, NAME=VERSION or NAME>VERSION.");
            }
        }

        if (options.SbomDirectory is { } sbomPath && File.Exists(Path.GetFullPath(sbomPath, options.WorkingDirectory)))
        {
            throw new UsageException($"--sbom-path '{sbomPath}' is a file. Give a directory; it is created when missing.");
        }

        foreach (var format in options.SbomFormats)
        {
            if (format is not ("spdx" or "cyclonedx"))
            {
                throw new UsageException($"--sbom-formats '{format}' is not a known SBOM format. Use spdx, cyclonedx or both.");
            }
        }
    }

    /// <summary>Checks <c>--build-arch</c>, which names one architecture: not a list, 'all' or an empty value.</summary>
    public static void CheckBuildArch(string? buildArch)
    {
        if (buildArch is null or "host" || Architecture.TryParse(buildArch, out _))
        {
            return;
        }

        throw new UsageException(
            $"--build-arch '{buildArch}' is not one supported architecture. Use one of: "
            + $"{string.Join(", ", Architecture.All.Select(a => a.ApkName))}, or 'host' (the default) for this machine's.");
    }

    public static void CheckTag(string tag)
    {
        if (!ImageReference.TryParse(tag, out _))
        {
            throw new UsageException(
                $"'{tag}' is not a valid image reference. Use a lower-case name with an optional tag, such as registry.example.com/app:1.0.");
        }
    }

    public static void CheckOutputDirectory(string output, string workingDirectory)
    {
        var full = Path.GetFullPath(output, workingDirectory);
        if (Directory.Exists(full))
        {
            return;
        }

        var parent = Path.GetDirectoryName(full);
        if (parent is not null && !Directory.Exists(parent))
        {
            throw new UsageException($"The directory '{parent}' of output '{output}' does not exist. Create it first.");
        }
    }
}
