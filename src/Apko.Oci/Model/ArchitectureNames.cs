namespace Apko.Oci.Model;

/// <summary>
/// Maps the architecture names of Alpine's apk (<c>x86_64</c>, <c>armv7</c>…) to OCI platforms (<c>amd64</c>,
/// <c>arm/v7</c>…) and back. Every method accepts either spelling.
/// </summary>
public static class ArchitectureNames
{
    private static readonly (string Apk, string Oci, string? Variant)[] s_names =
    [
        ("x86", "386", null),
        ("x86_64", "amd64", null),
        ("aarch64", "arm64", null),
        ("armhf", "arm", "v6"),
        ("armv7", "arm", "v7"),
        ("loongarch64", "loong64", null),
        ("ppc64le", "ppc64le", null),
        ("riscv64", "riscv64", null),
        ("s390x", "s390x", null),
    ];

    /// <summary>The apk architecture names that this class maps, in a fixed order.</summary>
    public static IReadOnlyList<string> ApkArchitectures { get; } = s_names.Select(n => n.Apk).ToArray();

    /// <summary>Returns the Linux platform for an apk name (<c>aarch64</c>), an OCI architecture (<c>arm64</c>) or
    /// an OCI architecture with variant (<c>arm/v7</c>, <c>linux/arm/v7</c>).</summary>
    /// <exception cref="OciException">The name is not a known architecture.</exception>
    public static Platform ToPlatform(string name)
    {
        if (!TryToPlatform(name, out var platform))
        {
            throw UnknownArchitecture(name);
        }

        return platform;
    }

    /// <summary>Finds the Linux platform for an architecture name in either spelling, without throwing.</summary>
    public static bool TryToPlatform(string? name, out Platform platform)
    {
        platform = null!;
        if (!TryFind(name, out var index))
        {
            return false;
        }

        var (_, oci, variant) = s_names[index];
        platform = new Platform(oci, "linux", variant);
        return true;
    }

    /// <summary>Returns the apk architecture name (<c>x86_64</c>) for a name in either spelling.</summary>
    /// <exception cref="OciException">The name is not a known architecture.</exception>
    public static string ToApkArchitecture(string name) =>
        TryFind(name, out var index) ? s_names[index].Apk : throw UnknownArchitecture(name);

    /// <summary>Returns the apk architecture name for an OCI platform.</summary>
    /// <exception cref="OciException">The platform has no apk architecture.</exception>
    public static string ToApkArchitecture(Platform platform)
    {
        var name = platform.Variant is null ? platform.Architecture : $"{platform.Architecture}/{platform.Variant}";
        return ToApkArchitecture(name);
    }

    private static bool TryFind(string? name, out int index)
    {
        index = -1;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var text = name.Trim().ToLowerInvariant();
        if (text.StartsWith("linux/", StringComparison.Ordinal))
        {
            text = text["linux/".Length..];
        }

        if (text == "arm64/v8")
        {
            text = "arm64";
        }

        for (var i = 0; i < s_names.Length; i++)
        {
            var (apk, oci, variant) = s_names[i];
            var ociName = variant is null ? oci : $"{oci}/{variant}";
            if (text == apk || text == ociName)
            {
                index = i;
                return true;
            }
        }

        return false;
    }

    private static OciException UnknownArchitecture(string name) =>
        ModelErrors.UnknownArchitecture(name, ApkArchitectures);
}
