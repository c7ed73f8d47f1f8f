namespace Apko.Apk.Signing;

/// <summary>Messages of key and signature failures (codes <c>APKO2100</c>–<c>APKO2109</c>).</summary>
internal static class SigningErrors
{
    public static ApkException KeyFileUnreadable(string path, Exception inner) => new(
        "APKO2100",
        $"Cannot read key file '{path}': {inner.Message} Check the path given in contents.keyring or with -k.",
        inner);

    public static ApkException InvalidPublicKey(string name, Exception inner) => new(
        "APKO2101",
        $"Key '{name}' is not a PEM RSA public key ('-----BEGIN PUBLIC KEY-----'). "
        + "Give the .rsa.pub file that matches the signing key.",
        inner);

    public static ApkException InvalidPrivateKey(string name, Exception inner) => new(
        "APKO2102",
        $"Signing key '{name}' is not a PEM RSA private key. Give the private key file that abuild-keygen "
        + "or melange keygen wrote.",
        inner);

    public static ApkException NotSigned(string source) => new(
        "APKO2103",
        $"{source}: the file has no .SIGN.RSA or .SIGN.RSA256 signature, so it cannot be verified. "
        + "Sign it, or turn signature checks off for this repository (--ignore-signatures).");

    public static ApkException KeyNotFound(string source, IReadOnlyList<string> keyNames) => new(
        "APKO2104",
        $"{source}: the file is signed with {Quote(keyNames)}, which is not in the keyring. "
        + $"Add the key file '{keyNames[0]}' to contents.keyring or pass -k <file>.");

    public static ApkException SignatureMismatch(string source, IReadOnlyList<string> keyNames) => new(
        "APKO2105",
        $"{source}: the signature by {Quote(keyNames)} does not match the signed content: the file was changed "
        + "or damaged after signing, or a different key has the same name. Fetch the file again or check the key.");

    private static string Quote(IReadOnlyList<string> keyNames) =>
        (keyNames.Count == 1 ? "key " : "keys ") + string.Join(", ", keyNames.Select(name => $"'{name}'"));
}
