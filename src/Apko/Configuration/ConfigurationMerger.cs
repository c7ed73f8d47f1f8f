using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>
/// Merges an included configuration (the base) under the configuration that includes it (the target), as apko
/// does: the target's scalars and sections win when set, maps are united with the target's keys winning, and lists
/// are concatenated with the base's entries first.
/// </summary>
internal static class ConfigurationMerger
{
    /// <summary>Returns the merge of <paramref name="included"/> under <paramref name="target"/>.</summary>
    public static ImageConfiguration Merge(ImageConfiguration included, ImageConfiguration target) => target with
    {
        Contents = MergeContents(included.Contents, target.Contents),
        Entrypoint = target.Entrypoint.IsEmpty ? included.Entrypoint : target.Entrypoint,
        Cmd = Either(target.Cmd, included.Cmd),
        StopSignal = Either(target.StopSignal, included.StopSignal),
        WorkDir = Either(target.WorkDir, included.WorkDir),
        Accounts = new ImageAccounts
        {
            RunAs = Either(target.Accounts.RunAs, included.Accounts.RunAs),
            Users = [.. included.Accounts.Users, .. target.Accounts.Users],
            Groups = [.. included.Accounts.Groups, .. target.Accounts.Groups],
        },
        Archs = target.Archs.IsEmpty ? included.Archs : target.Archs,
        Environment = Unite(included.Environment, target.Environment),
        Paths = [.. included.Paths, .. target.Paths],
        VcsUrl = Either(target.VcsUrl, included.VcsUrl),
        Annotations = Unite(included.Annotations, target.Annotations),
        Volumes = [.. included.Volumes, .. target.Volumes],
        Layering = target.Layering ?? included.Layering,
        Format = Either(target.Format, included.Format),
        Certificates = target.Certificates ?? included.Certificates,
    };

    /// <summary>Removes trailing slashes from every repository entry, as apko does after loading.</summary>
    public static ImageConfiguration TrimRepositories(ImageConfiguration config) => config with
    {
        Contents = config.Contents with
        {
            BuildRepositories = TrimSlashes(config.Contents.BuildRepositories),
            RuntimeRepositories = TrimSlashes(config.Contents.RuntimeRepositories),
            Repositories = TrimSlashes(config.Contents.Repositories),
        },
    };

    private static ImageContents MergeContents(ImageContents included, ImageContents target) => new()
    {
        BuildRepositories = [.. included.BuildRepositories, .. target.BuildRepositories],
        RuntimeRepositories = [.. included.RuntimeRepositories, .. target.RuntimeRepositories],
        Repositories = [.. included.Repositories, .. target.Repositories],
        Keyring = [.. included.Keyring, .. target.Keyring],
        RuntimeKeyring = [.. included.RuntimeKeyring, .. target.RuntimeKeyring],
        Packages = [.. included.Packages, .. target.Packages],
        BaseImage = target.BaseImage ?? included.BaseImage,
    };

    private static string Either(string preferred, string fallback) => preferred.Length > 0 ? preferred : fallback;

    private static ImmutableSortedDictionary<string, string> Unite(
        ImmutableSortedDictionary<string, string> included, ImmutableSortedDictionary<string, string> target) =>
        target.SetItems(included.Where(entry => !target.ContainsKey(entry.Key)));

    private static ImmutableArray<string> TrimSlashes(ImmutableArray<string> repositories) =>
        [.. repositories.Select(repository => repository.TrimEnd('/'))];
}
