using Apko.Apk.Indexes;
using Apko.Apk.Signing;

namespace Apko.Apk.Packages;

/// <summary>
/// Options of <see cref="ApkPackageReader.OpenAsync"/>. Verification on open follows apk-tools: with
/// <see cref="IndexEntry"/> the package is checked against its signed index record, otherwise with
/// <see cref="Keyring"/> against its own signature; with neither, nothing is verified and the caller may call
/// <see cref="ApkPackageFile.VerifyAgainstIndex"/> or <see cref="ApkPackageFile.VerifySignature"/> later.
/// </summary>
public sealed record ApkPackageReadOptions
{
    /// <summary>Size limits of the three parts.</summary>
    public ApkReadLimits Limits { get; init; } = ApkReadLimits.Default;

    /// <summary>
    /// The record of this package in a verified index: its <c>C:</c> checksum must match the control member, then
    /// <c>.PKGINFO</c> <c>datahash</c> must match the data member.
    /// </summary>
    public ApkPackage? IndexEntry { get; init; }

    /// <summary>Trusted keys for the package's own signature, used when <see cref="IndexEntry"/> is null.</summary>
    public Keyring? Keyring { get; init; }
}
