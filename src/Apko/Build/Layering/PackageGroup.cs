using Apko.Apk.Installation;

namespace Apko.Build.Layering;

/// <summary>Installed packages whose files share one layer.</summary>
/// <param name="Packages">The packages, sorted by name (ordinal).</param>
/// <param name="InstalledSize">Sum of the packages' installed sizes (<c>I:</c>), in bytes.</param>
internal sealed record PackageGroup(IReadOnlyList<InstalledPackage> Packages, long InstalledSize)
{
    /// <summary>Returns the group's package names, for logs and test messages.</summary>
    public override string ToString() => string.Join(' ', Packages.Select(p => p.Package.Name));
}
