using System.Formats.Tar;
using System.Text;
using Apko.Apk.Indexes;

namespace Apko.Apk.Packages;

/// <summary>
/// Collects the metadata, control scripts and data entries of a package for <see cref="ApkPackageWriter"/>.
/// Entries are written in the order they are added; add parent directories before their contents, as abuild does.
/// </summary>
/// <example>
/// <code>
/// var package = new ApkPackageBuilder("hello", "1.0-r0", "x86_64")
///     .WithMetadata(metadata => metadata with { Dependencies = ["so:libc.musl-x86_64.so.1"] })
///     .AddDirectory("usr")
///     .AddDirectory("usr/bin")
///     .AddFile("usr/bin/hello", "#!/bin/sh\necho hello\n", (UnixFileMode)0b111_101_101)
///     .AddScript(".post-install", "#!/bin/sh\nexit 0\n");
/// var record = await ApkPackageWriter.WriteAsync(package, "hello-1.0-r0.apk", signingKey, cancellationToken);
/// </code>
/// </example>
public sealed class ApkPackageBuilder
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    private readonly List<ApkDataEntry> _entries = [];
    private readonly List<ApkControlEntry> _controlEntries = [];

    /// <summary>Starts a package with a name, a version and an architecture.</summary>
    public ApkPackageBuilder(string name, string version, string arch = "x86_64")
    {
        Metadata = new ApkPackage { Name = name, Version = version, Arch = arch, Origin = name };
    }

    /// <summary>
    /// The <c>.PKGINFO</c> fields. The writer computes <see cref="ApkPackage.DataHash"/>, and
    /// <see cref="ApkPackage.InstalledSize"/> when it is 0; <see cref="ApkPackage.Checksum"/> and
    /// <see cref="ApkPackage.Size"/> are ignored.
    /// </summary>
    public ApkPackage Metadata { get; set; }

    /// <summary>The data entries in order.</summary>
    public IReadOnlyList<ApkDataEntry> Entries => _entries;

    /// <summary>The control files besides <c>.PKGINFO</c>, in order.</summary>
    public IReadOnlyList<ApkControlEntry> ControlEntries => _controlEntries;

    /// <summary>Changes the metadata, for example to add dependencies or provides.</summary>
    public ApkPackageBuilder WithMetadata(Func<ApkPackage, ApkPackage> change)
    {
        Metadata = change(Metadata);
        return this;
    }

    /// <summary>Adds a data entry with every field under the caller's control.</summary>
    public ApkPackageBuilder AddEntry(ApkDataEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>Adds a directory, mode 0755 and owner root unless given.</summary>
    public ApkPackageBuilder AddDirectory(string path, UnixFileMode mode = DirectoryMode, int uid = 0, int gid = 0) =>
        AddEntry(new ApkDataEntry { Path = path, Type = TarEntryType.Directory, Mode = mode, Uid = uid, Gid = gid });

    /// <summary>Adds a regular file, mode 0644 and owner root unless given.</summary>
    public ApkPackageBuilder AddFile(
        string path,
        ReadOnlyMemory<byte> content,
        UnixFileMode mode = FileMode,
        int uid = 0,
        int gid = 0) =>
        AddEntry(new ApkDataEntry { Path = path, Content = content, Mode = mode, Uid = uid, Gid = gid });

    /// <summary>Adds a regular file with UTF-8 text content.</summary>
    public ApkPackageBuilder AddFile(string path, string content, UnixFileMode mode = FileMode) =>
        AddFile(path, Encoding.UTF8.GetBytes(content), mode);

    /// <summary>Adds a symlink (mode 0777) to <paramref name="target"/>.</summary>
    public ApkPackageBuilder AddSymlink(string path, string target) =>
        AddEntry(new ApkDataEntry
        {
            Path = path,
            Type = TarEntryType.SymbolicLink,
            Mode = (UnixFileMode)0b111_111_111,
            LinkTarget = target,
        });

    /// <summary>Adds a hard link to the earlier entry <paramref name="target"/>.</summary>
    public ApkPackageBuilder AddHardLink(string path, string target, UnixFileMode mode = FileMode) =>
        AddEntry(new ApkDataEntry { Path = path, Type = TarEntryType.HardLink, Mode = mode, LinkTarget = target });

    /// <summary>
    /// Adds an install script such as <c>.pre-install</c>, <c>.post-install</c> or <c>.trigger</c> (mode 0755).
    /// </summary>
    public ApkPackageBuilder AddScript(string name, string content) =>
        AddControlFile(name, Encoding.UTF8.GetBytes(content), (UnixFileMode)0b111_101_101);

    /// <summary>Adds a file to the control member, after <c>.PKGINFO</c>.</summary>
    public ApkPackageBuilder AddControlFile(string name, ReadOnlyMemory<byte> content, UnixFileMode mode = FileMode)
    {
        _controlEntries.Add(new ApkControlEntry(name, mode, content));
        return this;
    }
}
