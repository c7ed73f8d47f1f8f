namespace Apko.Oci.Model;

/// <summary>Messages and codes of the errors raised while building image metadata.</summary>
internal static class ModelErrors
{
    public static OciException UnknownArchitecture(string name, IEnumerable<string> apkNames) => new(
        "APKO4001",
        $"'{name}' is not a known architecture. Use one of {string.Join(", ", apkNames)} or its OCI name "
        + "(386, amd64, arm64, arm/v6, arm/v7, loong64, ppc64le, riscv64, s390x).");

    public static OciException EmptyIndex() => new(
        "APKO4002",
        "An image index needs at least one image. Build one architecture or more.");

    public static OciException DuplicatePlatform(Platform platform) => new(
        "APKO4003",
        $"Two images have the platform '{platform}'. Build each architecture once.");
}
