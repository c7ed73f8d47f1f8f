namespace Apko.Oci.Layout;

/// <summary>Messages and codes of the errors raised while writing an OCI layout or tarball.</summary>
internal static class LayoutErrors
{
    public static OciException InvalidReference(string reference, string reason) => new(
        "APKO4201",
        $"'{reference}' is not a valid image reference for a layout: {reason}. Use NAME[:TAG], such as "
        + "'example.com/app:1.0'.");

    public static OciException DirectoryMissing(string directory) => new(
        "APKO4202",
        $"The output directory '{directory}' does not exist. Create it first, or give a file name to write a tarball.");

    public static OciException WriteFailed(string path, Exception inner) => new(
        "APKO4203",
        $"Writing '{path}' failed: {inner.Message} Check that the location is writable and has free space.",
        inner);

    public static OciException LayerFileChanged(string path, string expected) => new(
        "APKO4204",
        $"The layer file '{path}' no longer has the digest {expected} it was written with. Rebuild the layer and "
        + "make sure nothing else writes to it.");
}
