namespace Apko.Apk.Installation;

/// <summary>One entry of a package's control section, such as <c>.PKGINFO</c> or <c>.post-install</c>.</summary>
/// <param name="Name">Entry name as in the control tar, starting with a dot.</param>
/// <param name="Mode">Permission bits from the tar header.</param>
/// <param name="Content">Entry bytes.</param>
public sealed record ControlEntry(string Name, UnixFileMode Mode, byte[] Content);
