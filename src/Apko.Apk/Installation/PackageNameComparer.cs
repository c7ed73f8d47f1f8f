namespace Apko.Apk.Installation;

/// <summary>
/// Orders package names as apk-tools 2.14 sorts installed packages: by <c>strcasecmp</c> (ASCII letters folded to
/// lower case, then bytes), ties broken by plain byte order.
/// </summary>
internal sealed class PackageNameComparer : IComparer<string>
{
    public static PackageNameComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var folded = string.CompareOrdinal(Fold(x), Fold(y));
        return folded != 0 ? folded : string.CompareOrdinal(x, y);
    }

    private static string? Fold(string? name) =>
        name is null ? null : string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });
}
