using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>Text of the resolver's errors, one method per message.</summary>
internal static class ResolutionMessages
{
    public static string TooManyRepositories(int count) =>
        $"{count} repositories are configured, but at most 64 are supported. Merge or remove repositories.";

    public static string Unsatisfiable(
        string? architecture,
        string report,
        IReadOnlyList<(string Missing, IReadOnlyList<string> Suggestions)> suggestions) =>
        (architecture is null ? "Unable to select packages:" : $"Unable to select packages for {architecture}:")
        + "\n" + report
        + string.Concat(suggestions.Select(pair =>
            $"No package is named '{Shorten(pair.Missing)}'; did you mean "
            + $"{string.Join(" or ", pair.Suggestions.Select(s => $"'{s}'"))}? "))
        + (report.Contains("error: uninstallable", StringComparison.Ordinal)
            ? "A package marked uninstallable has an invalid atom in its repository's index record, which apk-tools "
              + "rejects too: ask for another version, or ask the repository's maintainers to fix the record. "
            : "")
        + "Change or remove the constraints listed above, or add a repository that provides the missing packages.";

    public static string UnknownTag(Dependency dependency) =>
        $"'{dependency}' names the repository tag '@{dependency.Tag}', but no repository has that tag. "
        + $"Add the repository as '@{dependency.Tag} URL' or remove the tag from the package.";

    public static string MissingArchitectures(IEnumerable<string> architectures) =>
        $"No repositories were given for architecture(s) {string.Join(", ", architectures.Select(a => $"'{a}'"))}. "
        + "Give at least one repository index per architecture.";

    private static string Shorten(string name) => name.Length <= 60 ? name : name[..60] + "…";
}
