namespace Apko.Apk.Resolution;

/// <summary>Settings of a <see cref="Resolver"/>.</summary>
public sealed record ResolverOptions
{
    /// <summary>
    /// Packages already installed. The solver prefers keeping them, as <c>apk add</c> does, and may keep one that no
    /// repository offers any more.
    /// </summary>
    public IReadOnlyList<InstalledPackage> Installed { get; init; } = [];

    /// <summary>Architecture named in error messages, such as <c>x86_64</c>; null to name none.</summary>
    public string? Architecture { get; init; }
}
