using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Apko.Configuration;

/// <summary>
/// Writes a configuration as YAML for <c>show-config</c>: the keys of apko's schema in schema order, empty fields
/// left out, modes in <c>0o</c> octal and passwords in repository and key URLs replaced by <c>xxxxx</c>. The output
/// loads back to the same configuration (apart from the redacted passwords).
/// </summary>
/// <remarks>NOTE: the layout is this product's own; it is not byte-identical to apko's yaml.v3 output.</remarks>
public static class ImageConfigurationYaml
{
    /// <summary>Serializes the configuration to YAML text ending with a newline.</summary>
    public static string Serialize(ImageConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var text = new StringWriter();
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024, indentSequences: true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        var yaml = new YamlEvents(emitter);
        yaml.StartMapping();
        WriteRoot(yaml, configuration);
        yaml.EndMapping();
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void WriteRoot(YamlEvents yaml, ImageConfiguration config)
    {
        yaml.Section("contents", !IsEmpty(config.Contents), () => WriteContents(yaml, config.Contents));
        yaml.Section("entrypoint", !config.Entrypoint.IsEmpty, () => WriteEntrypoint(yaml, config.Entrypoint));
        yaml.Property("cmd", config.Cmd);
        yaml.Property("stop-signal", config.StopSignal);
        yaml.Property("work-dir", config.WorkDir);
        yaml.Section("accounts", !IsEmpty(config.Accounts), () => WriteAccounts(yaml, config.Accounts));
        yaml.List("archs", [.. config.Archs.Select(arch => arch.OciName)]);
        yaml.Map("environment", config.Environment);
        yaml.Items("paths", config.Paths, mutation => WritePath(yaml, mutation));
        yaml.Property("vcs-url", config.VcsUrl);
        yaml.Map("annotations", config.Annotations);
        yaml.Property("include", config.Include);
        yaml.List("volumes", config.Volumes);
        yaml.Section("layering", config.Layering is not null, () =>
        {
            yaml.Property("strategy", config.Layering!.Strategy);
            yaml.Number("budget", config.Layering.Budget == 0 ? null : config.Layering.Budget, octal: false);
        });
        yaml.Property("format", config.Format);
        yaml.Section("certificates", config.Certificates is not null, () =>
        {
            yaml.Items("additional", config.Certificates!.Additional, certificate =>
            {
                yaml.Property("name", certificate.Name);
                yaml.Property("content", certificate.Content);
            });
            yaml.List("providers", config.Certificates.Providers);
        });
    }

    private static void WriteContents(YamlEvents yaml, ImageContents contents)
    {
        yaml.List("build_repositories", [.. contents.BuildRepositories.Select(CredentialRedactor.Redact)]);
        yaml.List("runtime_repositories", [.. contents.RuntimeRepositories.Select(CredentialRedactor.Redact)]);
        yaml.List("repositories", [.. contents.Repositories.Select(CredentialRedactor.Redact)]);
        yaml.List("keyring", [.. contents.Keyring.Select(CredentialRedactor.Redact)]);
        yaml.Items("runtime_keyring", contents.RuntimeKeyring, key =>
        {
            yaml.Property("name", key.Name);
            yaml.Property("content", key.Content);
        });
        yaml.List("packages", contents.Packages);
        yaml.Section("baseimage", contents.BaseImage is not null, () =>
        {
            yaml.Property("image", contents.BaseImage!.Image);
            yaml.Property("apkindex", contents.BaseImage.ApkIndex);
        });
    }

    private static void WriteEntrypoint(YamlEvents yaml, ImageEntrypoint entrypoint)
    {
        yaml.Property("type", entrypoint.Type);
        yaml.Property("command", entrypoint.Command);
        yaml.Property("shell-fragment", entrypoint.ShellFragment);
        yaml.Map("services", entrypoint.Services);
    }

    private static void WriteAccounts(YamlEvents yaml, ImageAccounts accounts)
    {
        yaml.Property("run-as", accounts.RunAs);
        yaml.Items("users", accounts.Users, user =>
        {
            yaml.Property("username", user.UserName);
            yaml.Number("uid", user.Uid, octal: false);
            yaml.Number("gid", user.Gid, octal: false);
            yaml.Property("shell", user.Shell);
            yaml.Property("homedir", user.HomeDir);
        });
        yaml.Items("groups", accounts.Groups, group =>
        {
            yaml.Property("groupname", group.GroupName);
            yaml.Number("gid", group.Gid, octal: false);
            yaml.List("members", group.Members);
        });
    }

    private static void WritePath(YamlEvents yaml, PathMutation mutation)
    {
        yaml.Property("path", mutation.Path);
        yaml.Property("type", PathMutation.ToYamlName(mutation.Type));
        yaml.Number("uid", mutation.Uid, octal: false);
        yaml.Number("gid", mutation.Gid, octal: false);
        yaml.Number("permissions", mutation.Permissions, octal: true);
        yaml.Property("source", mutation.Source);
        if (mutation.Recursive)
        {
            yaml.Property("recursive", "true", plain: true);
        }
    }

    private static bool IsEmpty(ImageContents contents) =>
        contents.BuildRepositories.IsEmpty && contents.RuntimeRepositories.IsEmpty && contents.Repositories.IsEmpty
        && contents.Keyring.IsEmpty && contents.RuntimeKeyring.IsEmpty && contents.Packages.IsEmpty
        && contents.BaseImage is null;

    private static bool IsEmpty(ImageAccounts accounts) =>
        accounts.RunAs.Length == 0 && accounts.Users.IsEmpty && accounts.Groups.IsEmpty;
}
