namespace Apko.Configuration;

/// <summary>The <c>layering</c> section. An empty section (<c>layering: {}</c>) means a single layer.</summary>
/// <param name="Strategy">The grouping strategy; only <c>origin</c> is supported.</param>
/// <param name="Budget">The maximum number of package layers.</param>
public sealed record Layering(string Strategy, int Budget)
{
    /// <summary>Whether neither field is set, which apko treats as no layering.</summary>
    public bool IsEmpty => Strategy.Length == 0 && Budget == 0;
}
