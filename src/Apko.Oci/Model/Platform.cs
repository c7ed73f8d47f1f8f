namespace Apko.Oci.Model;

/// <summary>The platform an image runs on, as an image index entry declares it.</summary>
/// <param name="Architecture">OCI architecture, such as <c>amd64</c> or <c>arm</c>.</param>
/// <param name="Os">Operating system; always <c>linux</c> here.</param>
/// <param name="Variant">CPU variant, such as <c>v7</c> for <c>arm</c>; null when none.</param>
/// <param name="OsFeatures">Required OS features; null when none.</param>
public sealed record Platform(
    string Architecture,
    string Os = "linux",
    string? Variant = null,
    IReadOnlyList<string>? OsFeatures = null)
{
    /// <summary>Returns <c>os/architecture[/variant]</c>, the form that image tools print.</summary>
    public override string ToString() =>
        Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
