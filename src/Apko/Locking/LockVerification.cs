using Apko.Apk;
using Apko.Apk.Packages;

namespace Apko.Locking;

/// <summary>
/// Checks a fetched package against its lock entry: name and version, the range and digest of each gzip member,
/// the package checksum, and the data hash its control member declares.
/// </summary>
internal static class LockVerification
{
    /// <exception cref="ApkoException">The package differs from the lock entry.</exception>
    public static void Verify(ApkPackageFile file, LockPackage package, string lockPath)
    {
        if (file.Metadata.Name != package.Name || file.Metadata.Version != package.Version)
        {
            throw LockErrors.PackageMismatch(lockPath, package, $"{file.Metadata.Name}-{file.Metadata.Version}");
        }

        Compare(lockPath, package, "package checksum", package.Checksum, file.Checksum);
        Compare(lockPath, package, "control checksum", package.Control.Checksum, file.ControlRange.Checksum);
        Compare(lockPath, package, "control range", package.Control.Range, file.ControlRange.HttpRange);
        Compare(lockPath, package, "data checksum", package.Data.Checksum, file.DataRange.Checksum);
        Compare(lockPath, package, "data range", package.Data.Range, file.DataRange.HttpRange);
        var signature = file.SignatureRange;
        Compare(lockPath, package, "signature checksum", package.Signature.Checksum, signature?.Checksum ?? "");
        Compare(lockPath, package, "signature range", package.Signature.Range, signature?.HttpRange ?? "");
        try
        {
            file.VerifyAgainstIndex(file.Metadata with { Checksum = package.Checksum });
        }
        catch (ApkException e)
        {
            throw LockErrors.PackageUnverified(lockPath, package, e);
        }
    }

    private static void Compare(string lockPath, LockPackage package, string section, string locked, string actual)
    {
        if (!string.Equals(locked, actual, StringComparison.Ordinal))
        {
            throw LockErrors.ChecksumMismatch(lockPath, package, section, locked, actual);
        }
    }
}
