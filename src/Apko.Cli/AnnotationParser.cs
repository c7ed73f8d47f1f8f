using System.Text.RegularExpressions;

namespace Apko.Cli;

/// <summary>Parses <c>--annotations key:value</c> flags with apko's rules.</summary>
internal static partial class AnnotationParser
{
    [GeneratedRegex("^[a-z0-9-.]+$")]
    private static partial Regex KeyPattern();

    /// <summary>Splits each value at its first ':'; keys must be lower-case DNS-like names, values non-empty.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> values)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var colon = value.IndexOf(':');
            if (colon <= 0 || colon == value.Length - 1)
            {
                throw new UsageException($"--annotations '{value}' is not key:value. Write it like org.example.team:platform.");
            }

            var key = value[..colon];
            if (!KeyPattern().IsMatch(key))
            {
                throw new UsageException(
                    $"--annotations key '{key}' is invalid. Use lower-case letters, digits, '-' and '.'.");
            }

            if (!annotations.TryAdd(key, value[(colon + 1)..]))
            {
                throw new UsageException($"--annotations key '{key}' is given twice. Give each key once.");
            }
        }

        return annotations;
    }
}
