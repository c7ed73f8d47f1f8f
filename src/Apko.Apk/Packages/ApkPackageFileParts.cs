using Apko.Apk.Indexes;
using Apko.Apk.Signing;

namespace Apko.Apk.Packages;

/// <summary>What <see cref="ApkPackageReader"/> found in a file, handed to <see cref="ApkPackageFile"/>.</summary>
internal sealed record ApkPackageFileParts(
    string Path,
    ApkPackage Metadata,
    IReadOnlyList<ApkControlEntry> ControlEntries,
    IReadOnlyList<ApkSignature> Signatures,
    ApkMemberRange? SignatureRange,
    ApkMemberRange ControlRange,
    ApkMemberRange DataRange,
    string DataHash,
    byte[] ControlSha1,
    byte[] ControlSha256);
