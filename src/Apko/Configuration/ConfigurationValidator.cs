using System.Text.RegularExpressions;

namespace Apko.Configuration;

/// <summary>
/// Checks the values of one file against apko's rules and this product's stricter ones, collecting every problem
/// with its position. Values that already failed to read are skipped so each mistake is reported once.
/// </summary>
internal sealed partial class ConfigurationValidator
{
    private readonly ParsedConfiguration _file;
    private readonly List<ConfigurationProblem> _problems;

    private ConfigurationValidator(ParsedConfiguration file, List<ConfigurationProblem> problems)
    {
        _file = file;
        _problems = problems;
    }

    /// <summary>Validates one file; problems are appended to <paramref name="problems"/>.</summary>
    public static void Validate(ParsedConfiguration file, List<ConfigurationProblem> problems)
    {
        var validator = new ConfigurationValidator(file, problems);
        var config = file.Configuration;
        validator.ValidateContents(config.Contents);
        validator.ValidateEntrypoint(config.Entrypoint);
        validator.ValidateAccounts(config.Accounts);
        validator.ValidateArchitectures(config);
        validator.ValidatePaths(config);
        validator.ValidateLayering(config.Layering);
        validator.ValidateFormat(config.Format);
        validator.ValidateCertificates(config.Certificates);
    }

    /// <summary>Validates rules that span files after the merge: unique runtime key names.</summary>
    public static void ValidateMerged(IReadOnlyList<ParsedConfiguration> files, List<ConfigurationProblem> problems)
    {
        var firstUse = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var file in files.Reverse())
        {
            var keys = file.Configuration.Contents.RuntimeKeyring;
            for (var index = 0; index < keys.Length; index++)
            {
                var path = $"contents.runtime_keyring[{index}].name";
                var location = file.LocationOf(path);
                if (keys[index].Name.Length > 0 && !firstUse.TryAdd(keys[index].Name, location))
                {
                    problems.Add(new ConfigurationProblem(
                        ConfigurationErrorCodes.InvalidRuntimeKey, location, path,
                        ConfigurationMessages.DuplicateKeyName(keys[index].Name, firstUse[keys[index].Name])));
                }
            }
        }
    }

    /// <summary>Returns whether a key file or certificate name is acceptable as a file name.</summary>
    public static bool IsValidKeyName(string name) => KeyNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9_-]+[a-zA-Z0-9_.-]*$")]
    private static partial Regex KeyNamePattern();

    private void Report(string code, string path, string message)
    {
        if (!_file.IsFaulted(path))
        {
            _problems.Add(new ConfigurationProblem(code, _file.LocationOf(path), path, message));
        }
    }

    private void ValidateContents(ImageContents contents)
    {
        ValidateRepositories(contents.BuildRepositories, "contents.build_repositories");
        ValidateRepositories(contents.RuntimeRepositories, "contents.runtime_repositories");
        ValidateRepositories(contents.Repositories, "contents.repositories");
        ValidateNotEmpty(contents.Keyring, "contents.keyring", "keyring entry");
        for (var index = 0; index < contents.Packages.Length; index++)
        {
            if (!PackageConstraintSyntax.TryValidate(contents.Packages[index], out var reason))
            {
                Report(
                    ConfigurationErrorCodes.InvalidPackageConstraint, $"contents.packages[{index}]",
                    ConfigurationMessages.InvalidPackageConstraint(contents.Packages[index], reason));
            }
        }

        ValidateRuntimeKeys(contents);
        if (contents.BaseImage is not null)
        {
            Report(
                ConfigurationErrorCodes.NotBuiltYet, "contents.baseimage",
                ConfigurationMessages.NotBuiltYet(
                    "Building on a base image ('contents.baseimage')",
                    "Remove 'baseimage' and list the base image's packages in 'contents.packages' instead."));
        }
    }

    private void ValidateRepositories(IReadOnlyList<string> repositories, string path)
    {
        for (var index = 0; index < repositories.Count; index++)
        {
            var entry = repositories[index].Trim();
            var taggedWithoutUrl = entry.StartsWith('@') && !entry.Contains(' ', StringComparison.Ordinal);
            if (entry.Length == 0 || taggedWithoutUrl)
            {
                Report(
                    ConfigurationErrorCodes.InvalidValue, $"{path}[{index}]",
                    ConfigurationMessages.InvalidRepository(entry));
            }
        }
    }

    private void ValidateNotEmpty(IReadOnlyList<string> values, string path, string entryKind)
    {
        for (var index = 0; index < values.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(values[index]))
            {
                Report(
                    ConfigurationErrorCodes.InvalidValue, $"{path}[{index}]",
                    ConfigurationMessages.EmptyValue(entryKind));
            }
        }
    }

    private void ValidateRuntimeKeys(ImageContents contents)
    {
        for (var index = 0; index < contents.RuntimeKeyring.Length; index++)
        {
            var key = contents.RuntimeKeyring[index];
            var path = $"contents.runtime_keyring[{index}]";
            if (!IsValidKeyName(key.Name))
            {
                Report(
                    ConfigurationErrorCodes.InvalidRuntimeKey, path + ".name",
                    ConfigurationMessages.InvalidKeyName(key.Name));
            }

            if (string.IsNullOrWhiteSpace(key.Content))
            {
                Report(
                    ConfigurationErrorCodes.InvalidRuntimeKey, path, ConfigurationMessages.KeyContentMissing(key.Name));
            }
        }
    }

    private void ValidateEntrypoint(ImageEntrypoint entrypoint)
    {
        if (entrypoint.Type.Length > 0 && entrypoint.Type != "service-bundle")
        {
            Report(
                ConfigurationErrorCodes.InvalidValue, "entrypoint.type",
                ConfigurationMessages.UnknownEntrypointType(entrypoint.Type));
        }
    }
}
