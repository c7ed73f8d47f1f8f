using System.Globalization;

namespace Apko.Apk.Installation;

/// <summary>
/// Owner, permission bits and extended-attribute checksum of an installed file or directory, as the installed
/// database stores them in <c>M:</c> and <c>a:</c> lines (<c>uid:gid:mode[:xattr-checksum]</c>, mode in octal).
/// </summary>
/// <param name="Mode">Permission bits including setuid, setgid and sticky.</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="XattrChecksum">
/// <c>Q1</c> and the base64 SHA-1 of the extended attributes as apk-tools hashes them; null without attributes.
/// </param>
public readonly record struct FileAcl(UnixFileMode Mode, int Uid, int Gid, string? XattrChecksum = null)
{
    /// <summary>The ACL apk-tools assumes for a directory without an <c>M:</c> line: 0:0, mode 0755.</summary>
    public static FileAcl DefaultDirectory { get; } = new((UnixFileMode)0x1ED, 0, 0);

    /// <summary>The ACL apk-tools assumes for a file without an <c>a:</c> line: 0:0, mode 0644.</summary>
    public static FileAcl DefaultFile { get; } = new((UnixFileMode)0x1A4, 0, 0);

    /// <summary>Formats the value of an <c>M:</c> or <c>a:</c> line, such as <c>0:42:640</c>.</summary>
    public string Format()
    {
        var mode = Convert.ToString((int)Mode & 0xFFF, 8);
        var text = string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}:{mode}");
        return XattrChecksum is null ? text : text + ":" + XattrChecksum;
    }
}
