namespace Apko.Locking;

/// <summary>The messages of lock-file errors, one method per message. Codes are <c>APKO65xx</c>.</summary>
internal static class LockErrors
{
    private const string Regenerate = "Run 'apko lock' on the configuration again to write a new lock file.";

    public static ApkoException CannotRead(string file, Exception inner) => new(
        "APKO6501",
        $"Cannot read the lock file '{file}': {inner.Message} Check the --lockfile path.",
        inner);

    public static ApkoException NotJson(string file, string problem, Exception inner) => new(
        "APKO6502",
        $"The lock file '{file}' is not valid JSON: {problem} {Regenerate}",
        inner);

    public static ApkoException Malformed(string file, string location, string problem) => new(
        "APKO6503",
        $"The lock file '{file}' is malformed at {location}: {problem} {Regenerate}");

    public static ApkoException UnsupportedVersion(string file, string version) => new(
        "APKO6504",
        $"The lock file '{file}' has version '{version}', but only '{LockFile.CurrentVersion}' is supported. "
        + Regenerate);

    public static ApkoException PreChecksumLock(string file, string location) => new(
        "APKO6505",
        $"The lock file '{file}' was written by apko older than 0.13: {location} has no 'checksum'. Such locks are "
        + $"no longer supported. {Regenerate}");

    public static ApkoException CannotWrite(string file, Exception inner) => new(
        "APKO6506",
        $"Cannot write the lock file '{file}': {inner.Message} Check that the directory exists and is writable, "
        + "or choose another path with --output.",
        inner);

    public static ApkoException StaleConfiguration(string file, string configuration, string locked, string actual) =>
        new(
            "APKO6510",
            $"The lock file '{file}' is stale: it was made from a configuration with checksum '{locked}', but "
            + $"'{configuration}' and its includes now have checksum '{actual}'. {Regenerate}");

    public static ApkoException ArchitectureNotLocked(string file, string arch) => new(
        "APKO6511",
        $"The lock file '{file}' has no packages for the architecture '{arch}'. Run 'apko lock' with this "
        + "architecture (--arch), or build only the locked architectures.");

    public static ApkoException BadPackageUrl(string file, LockPackage package) => new(
        "APKO6512",
        $"The lock file '{file}': package '{package}' has the URL '{package.Url}', which is not "
        + $"'<repository>/<arch>/{package.Name}-{package.Version}.apk'. {Regenerate}");

    public static ApkoException PackageUnavailable(string file, LockPackage package, Exception inner) => new(
        "APKO6513",
        $"The package '{package}' locked in '{file}' cannot be fetched from '{package.Url}': {inner.Message} The "
        + "repository may have removed it; run 'apko lock' again to lock available versions.",
        inner);

    public static ApkoException ChecksumMismatch(
        string file, LockPackage package, string section, string locked, string actual) => new(
        "APKO6514",
        $"The package '{package}' from '{package.Url}' does not match the lock file '{file}': its {section} "
        + $"is '{actual}', the lock records '{locked}'. The package changed since it was locked; if that "
        + $"is expected, run 'apko lock' again.");

    public static ApkoException PackageMismatch(string file, LockPackage package, string actual) => new(
        "APKO6515",
        $"The file at '{package.Url}' locked in '{file}' as '{package}' is the package '{actual}'. {Regenerate}");

    public static ApkoException PackagesWithLock(string file, IEnumerable<string> packages) => new(
        "APKO6517",
        $"--package-append ({string.Join(", ", packages.Select(p => $"'{p}'"))}) cannot be used with the lock file "
        + $"'{file}', which fixes every package. Add the packages to contents.packages and run 'apko lock' again.");

    public static ApkoException NoRepository(string name, string version) => new(
        "APKO6520",
        $"The package '{name}-{version}' was resolved from no repository, so it cannot be locked. Add the "
        + "repository that provides it to contents.repositories.");

    public static ApkoException PackageUnverified(string file, LockPackage package, Exception inner) => new(
        "APKO6516",
        $"The package '{package}' locked in '{file}' fails verification: {inner.Message}",
        inner);
}
