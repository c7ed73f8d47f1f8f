using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>The empty string map of the configuration records, ordered by ordinal key comparison.</summary>
internal static class StringMaps
{
    public static ImmutableSortedDictionary<string, string> Empty { get; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
