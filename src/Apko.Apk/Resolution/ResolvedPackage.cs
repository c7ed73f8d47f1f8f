using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>A package of an install plan and where to fetch it.</summary>
/// <param name="Package">The chosen package.</param>
/// <param name="Repository">
/// The first configured repository that offers the package and that its pinning allows; null for an installed package
/// that no repository offers.
/// </param>
public sealed record ResolvedPackage(ApkPackage Package, RepositoryIndex? Repository);
