namespace Apko.Apk.Indexes;

/// <summary>
/// Metadata of one APK package, as an APKINDEX record or a <c>.PKGINFO</c> file describes it.
/// Field letters are those of the APKINDEX format.
/// </summary>
public sealed record ApkPackage
{
    /// <summary>Package name (<c>P:</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Package version (<c>V:</c>), such as <c>1.36.1-r15</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Architecture (<c>A:</c>), such as <c>x86_64</c>.</summary>
    public string Arch { get; init; } = "";

    /// <summary>
    /// Package checksum (<c>C:</c>): <c>Q1</c> followed by the base64 SHA-1 of the control gzip member; null when
    /// unknown.
    /// </summary>
    public string? Checksum { get; init; }

    /// <summary>Size of the .apk file in bytes (<c>S:</c>).</summary>
    public long Size { get; init; }

    /// <summary>Installed size in bytes (<c>I:</c>).</summary>
    public long InstalledSize { get; init; }

    /// <summary>One-line description (<c>T:</c>).</summary>
    public string Description { get; init; } = "";

    /// <summary>Project URL (<c>U:</c>).</summary>
    public string Url { get; init; } = "";

    /// <summary>Licence expression (<c>L:</c>).</summary>
    public string License { get; init; } = "";

    /// <summary>Origin, the source package this package was built from (<c>o:</c>).</summary>
    public string Origin { get; init; } = "";

    /// <summary>Maintainer (<c>m:</c>).</summary>
    public string Maintainer { get; init; } = "";

    /// <summary>Build time in seconds since the Unix epoch (<c>t:</c>); 0 when absent.</summary>
    public long BuildTime { get; init; }

    /// <summary>Source commit (<c>c:</c>).</summary>
    public string Commit { get; init; } = "";

    /// <summary>Dependency atoms (<c>D:</c>), as written, such as <c>so:libc.musl-x86_64.so.1</c> or <c>!foo</c>.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>Provided names (<c>p:</c>), as written, such as <c>cmd:sh=1.36.1-r15</c>.</summary>
    public IReadOnlyList<string> Provides { get; init; } = [];

    /// <summary>Install-if atoms (<c>i:</c>): the package is added when all of them are installed.</summary>
    public IReadOnlyList<string> InstallIf { get; init; } = [];

    /// <summary>Packages whose files this package may overwrite (<c>r:</c>).</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>Trigger directory globs from <c>.PKGINFO</c> <c>triggers</c>.</summary>
    public IReadOnlyList<string> Triggers { get; init; } = [];

    /// <summary>Priority among providers of the same virtual name (<c>k:</c>); higher wins.</summary>
    public int ProviderPriority { get; init; }

    /// <summary>Priority when replacing files (<c>q:</c>).</summary>
    public int ReplacesPriority { get; init; }

    /// <summary>Hex SHA-256 of the data gzip member, from <c>.PKGINFO</c> <c>datahash</c>; null when absent.</summary>
    public string? DataHash { get; init; }

    /// <summary>Returns <c>name-version</c>, the way apk-tools names a package in messages.</summary>
    public override string ToString() => $"{Name}-{Version}";
}
