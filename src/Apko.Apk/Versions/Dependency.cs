using System.Diagnostics.CodeAnalysis;
using Apko.Apk.Indexes;

namespace Apko.Apk.Versions;

/// <summary>
/// A dependency atom as apk-tools writes it in <c>/etc/apk/world</c>, <c>D:</c>, <c>p:</c> and <c>i:</c> lines:
/// <c>[!]name[@tag][op version]</c>. Names may be virtual, such as <c>so:libc.musl-x86_64.so.1</c>, <c>cmd:sh</c> or
/// <c>pc:zlib</c>. apko's order <c>name=version@tag</c> is accepted as well.
/// </summary>
/// <param name="Name">Package or provided name.</param>
/// <param name="Operator">Required comparison; <see cref="VersionOperator.Any"/> when no version is given.</param>
/// <param name="Version">
/// Version operand, or a <c>Q1…</c> checksum for <see cref="VersionOperator.Checksum"/>; null for
/// <see cref="VersionOperator.Any"/>.
/// </param>
/// <param name="Tag">Repository tag that pins the dependency, without the <c>@</c>; null when untagged.</param>
/// <param name="IsConflict">True for <c>!name</c>: no installed package may provide a matching <c>name</c>.</param>
public sealed record Dependency(
    string Name,
    VersionOperator Operator = VersionOperator.Any,
    string? Version = null,
    string? Tag = null,
    bool IsConflict = false)
{
    /// <summary>
    /// Parses an atom such as <c>busybox</c>, <c>!foo</c>, <c>so:libz.so.1&gt;=1.2</c> or <c>curl@edge=8.9.0-r0</c>.
    /// </summary>
    /// <exception cref="ApkException">The atom has no name, an unknown operator, or a version apk-tools
    /// rejects.</exception>
    public static Dependency Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DependencyParser.TryParse(text, out var dependency, out var problem))
        {
            throw new ApkException("APKO3001", VersionMessages.InvalidDependency(text, problem));
        }

        return dependency;
    }

    /// <summary>Parses an atom, returning false instead of throwing when it is invalid.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Dependency? dependency) =>
        DependencyParser.TryParse(text, out dependency, out _);

    /// <summary>
    /// Returns whether a package providing <see cref="Name"/> at <paramref name="version"/> satisfies this dependency.
    /// A conflict is satisfied by versions that do not match. For <see cref="VersionOperator.Checksum"/> the argument
    /// is compared with the checksum as text.
    /// </summary>
    public bool IsSatisfiedBy(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return MatchesVersion(version, version) != IsConflict;
    }

    /// <summary>
    /// Returns the atom in the form apk-tools writes to <c>/etc/apk/world</c>: <c>[!]name[@tag][op version]</c>.
    /// </summary>
    public override string ToString()
    {
        var conflict = IsConflict ? "!" : "";
        var tag = Tag is null ? "" : "@" + Tag;
        return $"{conflict}{Name}{tag}{FormatOperator(Operator)}{Version}";
    }

    /// <summary>
    /// Returns whether a provider satisfies this dependency, as apk-tools decides it: <paramref
    /// name="providedVersion"/>
    /// is the version under which <paramref name="package"/> provides the name, null for an unversioned provide;
    /// a null <paramref name="package"/> means nothing provides the name.
    /// </summary>
    internal bool IsProvidedBy(ApkPackage? package, string? providedVersion)
    {
        if (package is null)
        {
            return IsConflict;
        }

        if (Operator == VersionOperator.Any)
        {
            return !IsConflict;
        }

        if (Operator != VersionOperator.Checksum && providedVersion is null)
        {
            return IsConflict;
        }

        return MatchesVersion(providedVersion ?? "", package.Checksum) != IsConflict;
    }

    private bool MatchesVersion(string version, string? checksum)
    {
        if (Operator == VersionOperator.Any)
        {
            return true;
        }

        if (Operator == VersionOperator.Checksum)
        {
            return checksum is not null && string.Equals(checksum, Version, StringComparison.Ordinal);
        }

        var fuzzy = (Operator & VersionOperator.Fuzzy) != 0;
        return (ApkVersion.Compare(version, Version, fuzzy) & Operator) != 0;
    }

    internal static string FormatOperator(VersionOperator op) => op switch
    {
        VersionOperator.Any => "",
        VersionOperator.Equal => "=",
        VersionOperator.Less => "<",
        VersionOperator.Greater => ">",
        VersionOperator.LessOrEqual => "<=",
        VersionOperator.GreaterOrEqual => ">=",
        VersionOperator.FuzzyEqual => "~",
        VersionOperator.Checksum => "><",
        VersionOperator.Less | VersionOperator.FuzzyEqual => "<~",
        VersionOperator.Greater | VersionOperator.FuzzyEqual => ">~",
        _ => "?",
    };
}
