using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>Messages and codes of the errors package installation and the installed database throw.</summary>
internal static class InstallationErrors
{
    public static ApkException InvalidEntryName(ApkPackage package, string name, string reason) => new(
        "APKO2410",
        $"Cannot install '{package}': its data entry '{name}' {reason}. The package is malformed or hostile; "
        + "nothing of it was installed.");

    public static ApkException ChecksumMismatch(ApkPackage package, string path, string expected, string actual) =>
        new(
            "APKO2411",
            $"Cannot install '{package}': '/{path}' has SHA-1 {actual}, but the package declares {expected}. "
            + "The package file is corrupt or was tampered with; delete it from the cache and fetch it again.");

    public static ApkException FileConflict(ApkPackage package, string path, ApkPackage owner) => new(
        "APKO2412",
        $"Cannot install '{package}': '/{path}' is already installed by '{owner}' with different content, and "
        + "neither package replaces the other. Remove one of the two packages from the package list.");

    public static ApkException MissingDirectoryEntry(ApkPackage package, string path, string directory) => new(
        "APKO2413",
        $"Cannot install '{package}': '/{path}' is in '/{directory}', but the package has no entry for that "
        + "directory. apk-tools rejects such packages too; rebuild the package.");

    public static ApkException HardlinkTargetMissing(ApkPackage package, string path, string target) => new(
        "APKO2414",
        $"Cannot install '{package}': the hard link '/{path}' points to '/{target}', which is not a regular file "
        + "earlier in the same package. Rebuild the package.");

    public static ApkException MissingChecksum(ApkPackage package) => new(
        "APKO2415",
        $"Cannot install '{package}': its package checksum (C:) is unknown, and the installed database needs it "
        + "to name its scripts and triggers. Take the metadata from the repository index or compute the checksum.");

    public static ApkException UnsupportedEntryType(ApkPackage package, string path, string type) => new(
        "APKO2416",
        $"Cannot install '{package}': '/{path}' is a tar entry of type '{type}', which a package cannot install.");

    public static ApkException CorruptDataTar(ApkPackage package, string tarPath, Exception inner) => new(
        "APKO2417",
        $"Cannot install '{package}': its data tar '{tarPath}' is corrupt ({inner.Message}). "
        + "Delete the package from the cache and fetch it again.",
        inner);

    public static ApkException EntryFailed(ApkPackage package, string path, ApkException inner) => new(
        "APKO2418",
        $"Cannot install '/{path}' of '{package}': {inner.Message}",
        inner);

    public static ApkException InvalidChecksumRecord(ApkPackage package, string path, string value) => new(
        "APKO2419",
        $"Cannot install '{package}': '/{path}' has the checksum record '{value}', which is neither 40 hex digits "
        + "nor 'Q1' and base64 of a SHA-1. The package is corrupt.");

    public static ApkException DatabaseFormat(string source, int line, string problem) => new(
        "APKO2420",
        $"{source}:{line}: {problem}. The installed database is corrupt or was not written by apk-tools.");

    public static ApkException DuplicatePackage(InstalledPackage package, InstalledPackage existing) => new(
        "APKO2421",
        $"Cannot add '{package}' to the installed database: '{existing}' is already installed under that name.");
}
