using System.Globalization;
using System.Text.Json;

namespace Apko.Build;

/// <summary>
/// Reads Alpine's <c>releases.json</c>: a <c>release_branches</c> array whose entries name a branch in
/// <c>rel_branch</c> (such as <c>v3.19</c> or <c>edge</c>) and list, per architecture under <c>keys</c>, the key
/// files as <c>{"url": …, "deprecated_since": "YYYY-MM-DD"}</c>.
/// </summary>
internal static class AlpineReleases
{
    /// <summary>
    /// Returns the URLs of the keys for the given branches and architectures that are not deprecated at
    /// <paramref name="now"/>, in file order without repeats. Branches or architectures the file does not list give
    /// no keys.
    /// </summary>
    /// <exception cref="JsonException">The document is not JSON.</exception>
    /// <exception cref="FormatException">The document is JSON of another shape, or a date is invalid.</exception>
    public static IReadOnlyList<string> KeyUrls(
        byte[] releases,
        IReadOnlyCollection<string> branches,
        IReadOnlyCollection<string> architectures,
        DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(releases);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("release_branches", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the releases file has no 'release_branches' array.");
        }

        var urls = new List<string>();
        foreach (var branch in list.EnumerateArray())
        {
            if (Text(branch, "rel_branch") is not { } name
                || !branches.Contains(name)
                || !branch.TryGetProperty("keys", out var keys)
                || keys.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var architecture in architectures)
            {
                if (keys.TryGetProperty(architecture, out var entries) && entries.ValueKind == JsonValueKind.Array)
                {
                    urls.AddRange(ActiveKeyUrls(entries, now));
                }
            }
        }

        return urls.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> ActiveKeyUrls(JsonElement entries, DateTimeOffset now)
    {
        foreach (var entry in entries.EnumerateArray())
        {
            if (Text(entry, "url") is not { Length: > 0 } text)
            {
                continue;
            }

            if (Text(entry, "deprecated_since") is { Length: > 0 } date
                && DateTimeOffset.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal) <= now)
            {
                continue;
            }

            // The published URLs escape '@' as %20 instead of %40; the key files are named with '@'.
            yield return text.Replace("%20", "@", StringComparison.Ordinal);
        }
    }

    /// <summary>Returns a string property of an object, or null when absent or not a string.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
