namespace Apko.Apk.Resolution;

/// <summary>
/// A package offering a name, with the version it offers it at; null for a virtual (unversioned) name.
/// </summary>
internal readonly record struct IndexProvider(IndexPackage Package, string? Version);
