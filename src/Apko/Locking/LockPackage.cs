namespace Apko.Locking;

/// <summary>A locked package: where to fetch it and the byte range and digest of each of its gzip members.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Url">The package file, <c>&lt;repository&gt;/&lt;arch&gt;/&lt;name&gt;-&lt;version&gt;.apk</c>.</param>
/// <param name="Version">The package version.</param>
/// <param name="Architecture">The APK architecture name.</param>
/// <param name="Signature">The signature member; both values are empty for an unsigned package.</param>
/// <param name="Control">The control member with its SHA-1.</param>
/// <param name="Data">The data member with its SHA-256.</param>
/// <param name="Checksum">The package checksum: <c>Q1</c> and the base64 SHA-1 of the control member.</param>
internal sealed record LockPackage(
    string Name,
    string Url,
    string Version,
    string Architecture,
    LockSection Signature,
    LockSection Control,
    LockSection Data,
    string Checksum)
{
    /// <summary>Returns the package as <c>name-version (arch)</c> for messages.</summary>
    public override string ToString() => $"{Name}-{Version} ({Architecture})";
}
