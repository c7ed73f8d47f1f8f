using System.Formats.Tar;

namespace Apko.Tests.Build.Layering;

/// <summary>One tar entry as the comparison uses it. A hard link appears as the regular file it links to.</summary>
internal sealed record TreeEntry(
    TarEntryType Type,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    long ModificationTime,
    string ContentHash,
    string LinkTarget);
