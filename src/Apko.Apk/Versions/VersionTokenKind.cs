namespace Apko.Apk.Versions;

/// <summary>
/// Kind of a token of an APK version <c>digit{.digit}…{letter}{_suffix{number}}…{-r{number}}</c>, in the order the
/// parts must appear. When two versions differ in length, the one whose next token has the lower kind is newer.
/// </summary>
internal enum VersionTokenKind
{
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNumber,
    RevisionNumber,
    End,
    Invalid,
}
