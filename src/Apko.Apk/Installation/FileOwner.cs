namespace Apko.Apk.Installation;

/// <summary>The package, directory record and file record that own one file path.</summary>
internal sealed record FileOwner(InstalledPackage Package, InstalledDirectory Directory, InstalledFile File);
