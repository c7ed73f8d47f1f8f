namespace Apko.Apk.Installation;

/// <summary>A non-directory entry a package installed: an <c>R:</c> record of the installed database.</summary>
/// <param name="Name">File name inside its directory.</param>
/// <param name="Acl">Owner and mode; <see cref="FileAcl.DefaultFile"/> writes no <c>a:</c> line.</param>
/// <param name="Checksum">
/// <c>Q1</c> and the base64 SHA-1 of the content (of the target for symbolic links); null when unknown.
/// </param>
public sealed record InstalledFile(string Name, FileAcl Acl, string? Checksum);
