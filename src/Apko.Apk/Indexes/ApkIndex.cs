namespace Apko.Apk.Indexes;

/// <summary>A parsed APKINDEX: its <c>DESCRIPTION</c> and its package records in file order.</summary>
public sealed record ApkIndex(string Description, IReadOnlyList<ApkPackage> Packages);
