namespace Apko.Apk.Versions;

/// <summary>
/// The comparison a dependency requires of a version, as bit flags with apk-tools' meaning: a provided version
/// satisfies the dependency when its comparison result (<see cref="Less"/>, <see cref="Equal"/> or
/// <see cref="Greater"/>) is one of the flags set.
/// </summary>
[Flags]
public enum VersionOperator
{
    /// <summary>No flag; never the operator of a dependency.</summary>
    None = 0,

    /// <summary><c>=</c>: the same version.</summary>
    Equal = 1,

    /// <summary><c>&lt;</c>: an older version.</summary>
    Less = 2,

    /// <summary><c>&gt;</c>: a newer version.</summary>
    Greater = 4,

    /// <summary>
    /// Set with <see cref="Equal"/> by <c>~</c>, <c>~=</c> and <c>=~</c>: versions compare equal when their shared
    /// leading
    /// parts are equal.
    /// </summary>
    Fuzzy = 8,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual = Less | Equal,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual = Greater | Equal,

    /// <summary><c>~</c>: fuzzy equality, the version matches by its leading parts.</summary>
    FuzzyEqual = Fuzzy | Equal,

    /// <summary>
    /// <c>&gt;&lt;</c>: the version text is a package checksum (<c>Q1…</c>) that the chosen package must have.
    /// </summary>
    Checksum = Less | Greater,

    /// <summary>No version constraint (a bare name).</summary>
    Any = Less | Equal | Greater,
}
