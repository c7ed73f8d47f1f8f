using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Apko.Configuration;

/// <summary>
/// Applies command-line flags to a loaded configuration, giving the configuration a build uses: repository,
/// keyring and package lists become sorted, de-duplicated sets and the architecture list is final.
/// </summary>
public static partial class ConfigurationOverlay
{
    /// <summary>Returns the effective configuration; the input is not changed.</summary>
    /// <exception cref="ConfigurationException">A flag value is invalid; every invalid value is listed.</exception>
    public static ImageConfiguration Apply(ImageConfiguration configuration, CommandLineOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(overlay);
        var problems = new List<ConfigurationProblem>();
        CheckPackages(overlay.PackageAppend, problems);
        var annotations = ParseAnnotations(overlay.Annotations, problems);
        var architectures = ResolveArchitectures(configuration, overlay, problems);
        ConfigurationException.ThrowIfAny(problems);

        var contents = configuration.Contents;
        return configuration with
        {
            Contents = contents with
            {
                Repositories = SortedUnique(contents.Repositories, overlay.RepositoryAppend.Select(TrimSlash)),
                BuildRepositories = SortedUnique(
                    contents.BuildRepositories, overlay.BuildRepositoryAppend.Select(TrimSlash)),
                RuntimeRepositories = SortedUnique(contents.RuntimeRepositories, []),
                Keyring = SortedUnique(contents.Keyring, overlay.KeyringAppend),
                Packages = SortedUnique(contents.Packages, overlay.PackageAppend),
            },
            Archs = architectures,
            Annotations = configuration.Annotations.SetItems(annotations),
            VcsUrl = overlay.VcsUrl ?? configuration.VcsUrl,
        };
    }

    /// <summary>
    /// Returns the repositories the build fetches: sorted-unique <c>build_repositories</c> and <c>repositories</c>.
    /// </summary>
    public static ImmutableArray<string> BuildRepositorySet(ImageContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return SortedUnique(contents.BuildRepositories, contents.Repositories);
    }

    /// <summary>
    /// Returns the repositories written to the image's <c>/etc/apk/repositories</c>: sorted-unique
    /// <c>repositories</c> and <c>runtime_repositories</c>.
    /// </summary>
    public static ImmutableArray<string> RuntimeRepositorySet(ImageContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return SortedUnique(contents.Repositories, contents.RuntimeRepositories);
    }

    [GeneratedRegex("^[a-z0-9-.]+$")]
    private static partial Regex AnnotationKeyPattern();

    private static ImmutableArray<string> SortedUnique(IEnumerable<string> first, IEnumerable<string> second) =>
        [.. first.Concat(second).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string TrimSlash(string repository) => repository.TrimEnd('/');

    private static void CheckPackages(IReadOnlyList<string> packages, List<ConfigurationProblem> problems)
    {
        foreach (var package in packages)
        {
            if (!PackageConstraintSyntax.TryValidate(package, out var reason))
            {
                problems.Add(new ConfigurationProblem(
                    ConfigurationErrorCodes.InvalidPackageConstraint, null, "--package-append",
                    ConfigurationMessages.InvalidPackageConstraint(package, reason)));
            }
        }
    }

    private static Dictionary<string, string> ParseAnnotations(
        IReadOnlyList<string> arguments, List<ConfigurationProblem> problems)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var separator = argument.IndexOf(':', StringComparison.Ordinal);
            var message = separator < 0 ? ConfigurationMessages.InvalidAnnotationFormat(argument) : null;
            var key = separator < 0 ? argument : argument[..separator];
            var value = separator < 0 ? "" : argument[(separator + 1)..];
            message ??= !AnnotationKeyPattern().IsMatch(key) ? ConfigurationMessages.InvalidAnnotationKey(key)
                : value.Length == 0 ? ConfigurationMessages.EmptyAnnotationValue(key)
                : !annotations.TryAdd(key, value) ? ConfigurationMessages.DuplicateAnnotation(key)
                : null;
            if (message is not null)
            {
                problems.Add(new ConfigurationProblem(
                    ConfigurationErrorCodes.InvalidAnnotation, null, "--annotations", message));
            }
        }

        return annotations;
    }

    private static ImmutableArray<Architecture> ResolveArchitectures(
        ImageConfiguration configuration, CommandLineOverlay overlay, List<ConfigurationProblem> problems)
    {
        if (overlay.Architectures.Count == 0)
        {
            return configuration.Archs.IsEmpty ? Architecture.All : configuration.Archs;
        }

        try
        {
            return Architecture.ParseList(overlay.Architectures, overlay.HostArchitecture);
        }
        catch (ConfigurationException exception)
        {
            problems.AddRange(exception.Problems);
            return [];
        }
    }
}
