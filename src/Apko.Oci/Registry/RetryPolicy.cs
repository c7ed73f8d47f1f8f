namespace Apko.Oci.Registry;

/// <summary>
/// How often and how long to wait before repeating a registry request that failed with 408, 429, a 5xx status or a
/// dropped connection. The delay grows by <see cref="Multiplier"/> each attempt, up to <see cref="MaxDelay"/>; a
/// <c>Retry-After</c> header of a 429 or 503 response replaces it, also capped at <see cref="MaxDelay"/>.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts in total, including the first; 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Factor applied to the delay after each further attempt.</summary>
    public double Multiplier { get; init; } = 3;

    /// <summary>Upper bound of any delay, including one a <c>Retry-After</c> header asks for.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Returns the delay after the failed attempt number <paramref name="attempt"/> (1 for the first).
    /// </summary>
    internal TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            return requested < MaxDelay ? requested : MaxDelay;
        }

        var milliseconds = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxDelay.TotalMilliseconds));
    }
}
