namespace Apko.Build.LdsoCache;

/// <summary>
/// Library name order of glibc's <c>_dl_cache_libcmp</c>: runs of ASCII digits compare by numeric value, a digit
/// sorts after any other character, and other characters compare by code. <c>ld.so</c> binary-searches
/// <c>/etc/ld.so.cache</c> with this order, so the cache lists its entries in descending order of it.
/// </summary>
internal sealed class LibraryNameComparer : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static readonly LibraryNameComparer Instance = new();

    /// <summary>Compares two library file names such as <c>libfoo.so.10</c> and <c>libfoo.so.9</c>.</summary>
    /// <remarks>
    /// NOTE: characters above U+007F compare by UTF-16 code unit here, while glibc compares bytes as the target's
    /// <c>char</c> type (signed on x86-64), so names with non-ASCII characters may sort differently from ldconfig.
    /// </remarks>
    public int Compare(string? x, string? y)
    {
        var left = x ?? "";
        var right = y ?? "";
        var i = 0;
        var j = 0;
        while (i < left.Length)
        {
            var leftIsDigit = char.IsAsciiDigit(left[i]);
            var rightIsDigit = j < right.Length && char.IsAsciiDigit(right[j]);
            if (leftIsDigit != rightIsDigit)
            {
                return leftIsDigit ? 1 : -1;
            }

            if (leftIsDigit)
            {
                var result = CompareNumbers(left, ref i, right, ref j);
                if (result != 0)
                {
                    return result;
                }

                continue;
            }

            if (j >= right.Length || left[i] != right[j])
            {
                return j >= right.Length ? 1 : left[i].CompareTo(right[j]);
            }

            i++;
            j++;
        }

        return j < right.Length ? -1 : 0;
    }

    /// <summary>
    /// Compares the digit runs that start at <paramref name="i"/> and <paramref name="j"/> by value and moves both
    /// indexes past them. Leading zeros are ignored and runs are compared as text, so no run can overflow.
    /// </summary>
    private static int CompareNumbers(string left, ref int i, string right, ref int j)
    {
        var leftDigits = TakeDigits(left, ref i);
        var rightDigits = TakeDigits(right, ref j);
        if (leftDigits.Length != rightDigits.Length)
        {
            return leftDigits.Length.CompareTo(rightDigits.Length);
        }

        return Math.Sign(leftDigits.CompareTo(rightDigits, StringComparison.Ordinal));
    }

    private static ReadOnlySpan<char> TakeDigits(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        return text.AsSpan(start, index - start).TrimStart('0');
    }
}
