namespace Apko.Apk.Resolution;

/// <summary>
/// For each name id, the ids of the packages whose atoms refer to it, in package order (a package that names it
/// twice is listed twice), grouped into one array.
/// </summary>
internal readonly struct ReverseLinks(int[] starts, int[] packages)
{
    /// <summary>Number of names covered; 0 for the default value.</summary>
    public int Count => starts is null ? 0 : starts.Length - 1;

    /// <summary>Returns the packages that refer to name <paramref name="nameId"/>.</summary>
    public ReadOnlySpan<int> Get(int nameId) =>
        packages.AsSpan(starts[nameId], starts[nameId + 1] - starts[nameId]);

    /// <summary>Collects, for names 0 to <paramref name="nameCount"/> - 1, the packages whose atoms use them.</summary>
    public static ReverseLinks Build(
        IReadOnlyList<IndexPackage> packages,
        int nameCount,
        Func<IndexPackage, ArraySegment<IndexName>> atoms)
    {
        var starts = new int[nameCount + 1];
        var total = 0;
        for (var i = 0; i < packages.Count; i++)
        {
            foreach (var name in atoms(packages[i]))
            {
                starts[name.Id + 1]++;
                total++;
            }
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        var grouped = new int[total];
        var next = starts.AsSpan(0, nameCount).ToArray();
        for (var i = 0; i < packages.Count; i++)
        {
            foreach (var name in atoms(packages[i]))
            {
                grouped[next[name.Id]++] = i;
            }
        }

        return new ReverseLinks(starts, grouped);
    }
}
