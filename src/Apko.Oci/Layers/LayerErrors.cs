namespace Apko.Oci.Layers;

/// <summary>Messages and codes of the errors raised while writing a layer.</summary>
internal static class LayerErrors
{
    public static OciException InvalidPath(string path, string reason) => new(
        "APKO4101",
        $"Layer entry path '{path}' is invalid: {reason}. Use a relative path such as 'usr/bin/env' without "
        + "leading or trailing '/', empty, '.' or '..' segments.");

    public static OciException InvalidField(string path, string field, string reason) => new(
        "APKO4102",
        $"Layer entry '{path}' has an invalid {field}: {reason}.");

    public static OciException ContentLengthMismatch(string path, long declared, string actual) => new(
        "APKO4103",
        $"Layer entry '{path}' declares {declared} bytes but its content has {actual} bytes. "
        + "Set Size to the exact content length.");

    public static OciException ContentReadFailed(string path, Exception inner) => new(
        "APKO4104",
        $"Reading the content of layer entry '{path}' failed: {inner.Message}",
        inner);

    public static OciException WriteFailed(string path, Exception inner) => new(
        "APKO4105",
        $"Writing the layer '{path}' failed: {inner.Message} Check that the directory exists and is writable.",
        inner);
}
