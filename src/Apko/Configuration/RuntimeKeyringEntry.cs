namespace Apko.Configuration;

/// <summary>An inline public key written to <c>/etc/apk/keys/&lt;name&gt;</c> after the build.</summary>
/// <param name="Name">The key file name, such as <c>mirror.rsa.pub</c>.</param>
/// <param name="Content">The PEM-encoded RSA public key.</param>
public sealed record RuntimeKeyringEntry(string Name, string Content);
