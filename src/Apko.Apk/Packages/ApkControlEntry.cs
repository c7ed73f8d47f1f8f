using System.Formats.Tar;

namespace Apko.Apk.Packages;

/// <summary>
/// A file of the control member of an .apk, such as <c>.PKGINFO</c>, <c>.pre-install</c>, <c>.post-install</c>
/// or <c>.trigger</c>.
/// </summary>
/// <param name="Name">The entry name, such as <c>.post-install</c>.</param>
/// <param name="Mode">Permission bits, such as <c>0755</c> for scripts.</param>
/// <param name="Data">The file content.</param>
public sealed record ApkControlEntry(string Name, UnixFileMode Mode, ReadOnlyMemory<byte> Data);
