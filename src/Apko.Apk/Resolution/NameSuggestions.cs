namespace Apko.Apk.Resolution;

/// <summary>Finds package names close to a name that no repository has, to suggest in place of a typo.</summary>
internal static class NameSuggestions
{
    private const int MaxSuggestions = 3;

    /// <summary>
    /// Returns up to three of <paramref name="candidates"/> within a small edit distance of
    /// <paramref name="missing"/> (one edit for short names, two from eight characters), closest first, and a name
    /// that differs only in case before all others.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> candidates, string missing)
    {
        var limit = missing.Length >= 8 ? 2 : 1;

        return candidates
            .Where(candidate => Math.Abs(candidate.Length - missing.Length) <= limit)
            .Select(candidate => (Name: candidate, Distance: Score(candidate, missing, limit)))
            .Where(match => match.Distance <= limit)
            .OrderBy(match => match.Distance)
            .ThenBy(match => match.Name, StringComparer.Ordinal)
            .Select(match => match.Name)
            .Take(MaxSuggestions)
            .ToList();
    }

    /// <summary>Returns -1 for a name that differs only in case, so that it comes first, else the edit distance.
    /// </summary>
    private static int Score(string candidate, string missing, int limit) =>
        string.Equals(candidate, missing, StringComparison.OrdinalIgnoreCase) ? -1 : Distance(candidate, missing, limit);

    /// <summary>Returns the Levenshtein distance of two names, or <paramref name="limit"/> + 1 once it is larger.
    /// </summary>
    private static int Distance(string first, string second, int limit)
    {
        var previous = new int[second.Length + 1];
        var current = new int[second.Length + 1];
        for (var j = 0; j <= second.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }
}
