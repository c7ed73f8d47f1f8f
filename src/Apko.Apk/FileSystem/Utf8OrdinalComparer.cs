namespace Apko.Apk.FileSystem;

/// <summary>
/// Orders strings by their UTF-8 bytes, the order of Go's byte-wise string comparison. Ordinal UTF-16 comparison
/// differs from it for characters above U+FFFF.
/// </summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static Utf8OrdinalComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var left = x.AsSpan().EnumerateRunes();
        var right = y.AsSpan().EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                // The shorter string sorts first; equal strings end together.
                return hasLeft.CompareTo(hasRight);
            }

            // UTF-8 byte order equals code point order, so comparing runes gives the byte order.
            var difference = left.Current.Value - right.Current.Value;
            if (difference != 0)
            {
                return difference;
            }
        }
    }
}
