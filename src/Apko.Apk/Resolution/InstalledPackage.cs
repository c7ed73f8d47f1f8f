using Apko.Apk.Indexes;

namespace Apko.Apk.Resolution;

/// <summary>A package already installed in the target, as the installed database records it.</summary>
/// <param name="Package">The package metadata.</param>
/// <param name="Tag">Repository tag it was installed from (<c>s:</c> in the installed database); null when
/// untagged.</param>
public sealed record InstalledPackage(ApkPackage Package, string? Tag = null);
