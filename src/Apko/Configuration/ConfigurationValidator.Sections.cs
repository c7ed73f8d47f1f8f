using System.Security.Cryptography;

namespace Apko.Configuration;

/// <summary>Validation of accounts, architectures, paths, layering, format and certificates.</summary>
internal sealed partial class ConfigurationValidator
{
    private const uint MaxPermissions = 0b111_111_111_111; // 0o7777: permission bits plus setuid, setgid, sticky.

    private void ValidateAccounts(ImageAccounts accounts)
    {
        for (var index = 0; index < accounts.Users.Length; index++)
        {
            var user = accounts.Users[index];
            var path = $"accounts.users[{index}]";
            if (user.UserName.Length == 0)
            {
                Report(ConfigurationErrorCodes.InvalidAccount, path, ConfigurationMessages.UserNameMissing());
            }

            if (!_file.Has(path + ".uid"))
            {
                Report(ConfigurationErrorCodes.InvalidAccount, path, ConfigurationMessages.UidMissing(user.UserName));
            }
            else if (user.Uid == 0)
            {
                Report(
                    ConfigurationErrorCodes.InvalidAccount, path + ".uid",
                    ConfigurationMessages.UidZero(user.UserName));
            }
        }

        for (var index = 0; index < accounts.Groups.Length; index++)
        {
            if (accounts.Groups[index].GroupName.Length == 0)
            {
                Report(
                    ConfigurationErrorCodes.InvalidAccount, $"accounts.groups[{index}]",
                    ConfigurationMessages.GroupNameMissing());
            }
        }
    }

    private void ValidateArchitectures(ImageConfiguration config)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < config.Archs.Length; index++)
        {
            if (!seen.Add(config.Archs[index].OciName))
            {
                Report(
                    ConfigurationErrorCodes.InvalidArchitecture, $"archs[{index}]",
                    ConfigurationMessages.DuplicateArchitecture(config.Archs[index].OciName));
            }
        }
    }

    private void ValidatePaths(ImageConfiguration config)
    {
        for (var index = 0; index < config.Paths.Length; index++)
        {
            var path = $"paths[{index}]";
            if (!_file.IsFaulted(path))
            {
                ValidatePath(config.Paths[index], path);
            }
        }
    }

    private void ValidatePath(PathMutation mutation, string path)
    {
        if (mutation.Path.Length == 0)
        {
            Report(ConfigurationErrorCodes.InvalidPathMutation, path, ConfigurationMessages.PathMissing());
        }
        else if (mutation.Path.Length > 1 && mutation.Path.EndsWith('/'))
        {
            Report(
                ConfigurationErrorCodes.InvalidPathMutation, path + ".path",
                ConfigurationMessages.PathTrailingSlash(mutation.Path));
        }

        if (!_file.Has(path + ".type"))
        {
            Report(
                ConfigurationErrorCodes.InvalidPathMutation, path,
                ConfigurationMessages.PathTypeMissing(mutation.Path));
            return;
        }

        var needsPermissions = mutation.Type is PathMutationType.Directory or PathMutationType.EmptyFile
            or PathMutationType.Permissions;
        if (needsPermissions && mutation.Permissions is null)
        {
            Report(
                ConfigurationErrorCodes.InvalidPathMutation, path,
                ConfigurationMessages.PermissionsMissing(mutation.Path, mutation.Type));
        }

        if (mutation.Permissions > MaxPermissions)
        {
            Report(
                ConfigurationErrorCodes.InvalidPathMutation, path + ".permissions",
                ConfigurationMessages.PermissionsTooLarge(mutation.Path, mutation.Permissions.Value));
        }

        var isLink = mutation.Type is PathMutationType.Hardlink or PathMutationType.Symlink;
        if (isLink && mutation.Source.Length == 0)
        {
            Report(
                ConfigurationErrorCodes.InvalidPathMutation, path,
                ConfigurationMessages.SourceMissing(mutation.Path, mutation.Type));
        }
    }

    private void ValidateLayering(Layering? layering)
    {
        if (layering is null || layering.IsEmpty)
        {
            return;
        }

        if (layering.Strategy != "origin")
        {
            Report(
                ConfigurationErrorCodes.InvalidLayering, "layering.strategy",
                ConfigurationMessages.UnknownLayeringStrategy(layering.Strategy));
        }

        if (layering.Budget < 0)
        {
            Report(
                ConfigurationErrorCodes.InvalidLayering, "layering.budget",
                ConfigurationMessages.NegativeBudget(layering.Budget));
        }
    }

    private void ValidateFormat(string format)
    {
        if (format.Length == 0 || format == "tar")
        {
            return;
        }

        if (format == "erofs" || format.StartsWith("erofs+", StringComparison.Ordinal))
        {
            Report(
                ConfigurationErrorCodes.NotBuiltYet, "format",
                ConfigurationMessages.NotBuiltYet(
                    "The EROFS layer format ('format: erofs')", "Use 'format: tar' or leave 'format' out."));
            return;
        }

        Report(ConfigurationErrorCodes.InvalidFormat, "format", ConfigurationMessages.UnknownFormat(format));
    }

    private void ValidateCertificates(ImageCertificates? certificates)
    {
        if (certificates is null)
        {
            return;
        }

        for (var index = 0; index < certificates.Additional.Length; index++)
        {
            var certificate = certificates.Additional[index];
            var path = $"certificates.additional[{index}]";
            if (!IsValidKeyName(certificate.Name))
            {
                Report(
                    ConfigurationErrorCodes.InvalidCertificate, path + ".name",
                    ConfigurationMessages.InvalidCertificateName(certificate.Name));
            }

            var count = CountCertificates(certificate.Content);
            if (count != 1)
            {
                Report(
                    ConfigurationErrorCodes.InvalidCertificate, path,
                    ConfigurationMessages.CertificateCount(certificate.Name, count));
            }
        }

        ValidateNotEmpty(certificates.Providers, "certificates.providers", "provider name");
    }

    private static int CountCertificates(string content)
    {
        var count = 0;
        var remaining = content.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            if (remaining[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                count++;
            }

            remaining = remaining[fields.Location.End..];
        }

        return count;
    }
}
