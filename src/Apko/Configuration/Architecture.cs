using System.Collections.Immutable;
using Apko.Oci.Model;

namespace Apko.Configuration;

/// <summary>
/// A CPU architecture that apko builds for, with its apk name (<c>x86_64</c>) and OCI platform fields
/// (<c>amd64</c>, or <c>arm</c> with variant <c>v7</c>).
/// </summary>
/// <param name="ApkName">The apk-tools name, such as <c>x86_64</c> or <c>armv7</c>.</param>
/// <param name="OciArchitecture">The OCI platform <c>architecture</c>, such as <c>amd64</c> or <c>arm</c>.</param>
/// <param name="OciVariant">
/// The OCI platform <c>variant</c>, such as <c>v7</c>; <see langword="null"/> when none.
/// </param>
public sealed record Architecture(string ApkName, string OciArchitecture, string? OciVariant)
{
    /// <summary>The nine architectures apko supports, sorted by <see cref="OciName"/>.</summary>
    public static ImmutableArray<Architecture> All { get; } =
    [
        new("x86", "386", null),
        new("x86_64", "amd64", null),
        new("armhf", "arm", "v6"),
        new("armv7", "arm", "v7"),
        new("aarch64", "arm64", null),
        new("loongarch64", "loong64", null),
        new("ppc64le", "ppc64le", null),
        new("riscv64", "riscv64", null),
        new("s390x", "s390x", null),
    ];

    /// <summary>The OCI name apko uses for this architecture, such as <c>amd64</c> or <c>arm/v7</c>.</summary>
    public string OciName => OciVariant is null ? OciArchitecture : OciArchitecture + "/" + OciVariant;

    /// <summary>Parses an apk name (<c>x86_64</c>) or OCI name (<c>amd64</c>, <c>arm/v7</c>).</summary>
    /// <returns><see langword="false"/> when the name is not one of the nine supported architectures.</returns>
    public static bool TryParse(string name, out Architecture architecture)
    {
        foreach (var candidate in All)
        {
            if (name == candidate.ApkName || name == candidate.OciName)
            {
                architecture = candidate;
                return true;
            }
        }

        architecture = null!;
        return false;
    }

    /// <summary>
    /// Parses an architecture list as <c>--arch</c> does: apk or OCI names, <c>all</c> for all nine and <c>host</c>
    /// for <paramref name="host"/>. The result is de-duplicated and sorted by <see cref="OciName"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">A name is not a supported architecture.</exception>
    public static ImmutableArray<Architecture> ParseList(IEnumerable<string> names, Architecture host)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(host);
        var unique = new SortedDictionary<string, Architecture>(StringComparer.Ordinal);
        var problems = new List<ConfigurationProblem>();
        foreach (var name in names)
        {
            if (name == "all")
            {
                All.ToList().ForEach(arch => unique[arch.OciName] = arch);
            }
            else if (name == "host")
            {
                unique[host.OciName] = host;
            }
            else if (TryParse(name, out var arch))
            {
                unique[arch.OciName] = arch;
            }
            else
            {
                problems.Add(new ConfigurationProblem(
                    ConfigurationErrorCodes.InvalidArchitecture, null, "--arch",
                    ConfigurationMessages.UnknownArchitecture(name)));
            }
        }

        ConfigurationException.ThrowIfAny(problems);
        return [.. unique.Values];
    }

    /// <summary>Returns the OCI platform of a Linux image for this architecture.</summary>
    public Platform ToPlatform() => new(OciArchitecture, "linux", OciVariant);

    /// <inheritdoc/>
    public override string ToString() => OciName;
}
