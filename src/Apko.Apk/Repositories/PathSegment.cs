namespace Apko.Apk.Repositories;

/// <summary>
/// Checks that names taken from configuration or an index (architectures, package file names) are single path
/// segments, so they cannot point outside the repository or the cache.
/// </summary>
internal static class PathSegment
{
    /// <summary>Rejects a value that <see cref="IsValid"/> rejects, naming the kind of value.</summary>
    /// <exception cref="ApkException">
    /// The value is empty, <c>.</c>, <c>..</c>, or contains a slash or control character.
    /// </exception>
    public static void Validate(string kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw RepositoryErrors.InvalidPathSegment(kind, value);
        }
    }

    /// <summary>
    /// Returns whether the value is a non-empty name other than <c>.</c> and <c>..</c>, without slashes or
    /// control characters.
    /// </summary>
    public static bool IsValid(string value) =>
        value.Length > 0
        && value != "."
        && value != ".."
        && !value.Any(c => c == '/' || c == '\\' || char.IsControl(c));
}
