using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>
/// Writes <c>/etc/apko.json</c> as apko does: Go's <c>json.Encoder</c> output of its configuration struct, which
/// means compact JSON in the struct's field order, empty fields left out (but <c>contents</c>, <c>entrypoint</c>
/// and <c>accounts</c> always written), map keys sorted, HTML characters escaped and a trailing newline.
/// </summary>
/// <remarks>
/// NOTE: apko's field order is known from its schema for the fields it has had longest. The position of
/// <c>runtime_keyring</c> (after <c>keyring</c>), <c>format</c> (before <c>certificates</c>) and
/// <c>certificates.providers</c> (after <c>additional</c>) follows apko's documentation order and was not checked
/// against an image that sets them.
/// </remarks>
public static class ImageConfigurationJson
{
    /// <summary>Serializes the locked per-architecture configuration to the bytes of <c>/etc/apko.json</c>.</summary>
    public static byte[] Serialize(ImageConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var json = new GoJsonWriter();
        json.StartObject();
        json.Name("contents");
        WriteContents(json, configuration.Contents);
        json.Name("entrypoint");
        WriteEntrypoint(json, configuration.Entrypoint);
        WriteOptional(json, "cmd", configuration.Cmd);
        WriteOptional(json, "stop-signal", configuration.StopSignal);
        WriteOptional(json, "work-dir", configuration.WorkDir);
        json.Name("accounts");
        WriteAccounts(json, configuration.Accounts);
        WriteOptional(json, "archs", [.. configuration.Archs.Select(arch => arch.OciName)]);
        WriteOptional(json, "environment", configuration.Environment);
        WritePaths(json, configuration.Paths);
        WriteOptional(json, "vcs-url", configuration.VcsUrl);
        WriteOptional(json, "annotations", configuration.Annotations);
        WriteOptional(json, "include", configuration.Include);
        WriteOptional(json, "volumes", configuration.Volumes);
        WriteLayering(json, configuration.Layering);
        WriteOptional(json, "format", configuration.Format);
        WriteCertificates(json, configuration.Certificates);
        json.EndObject();
        return json.ToBytesWithNewline();
    }

    private static void WriteContents(GoJsonWriter json, ImageContents contents)
    {
        json.StartObject();
        WriteOptional(json, "build_repositories", contents.BuildRepositories);
        WriteOptional(json, "runtime_repositories", contents.RuntimeRepositories);
        WriteOptional(json, "repositories", contents.Repositories);
        WriteOptional(json, "keyring", contents.Keyring);
        if (!contents.RuntimeKeyring.IsEmpty)
        {
            json.Name("runtime_keyring");
            WriteNamedContents(json, contents.RuntimeKeyring.Select(key => (key.Name, key.Content)));
        }

        WriteOptional(json, "packages", contents.Packages);
        if (contents.BaseImage is { } baseImage)
        {
            json.Name("baseimage");
            json.StartObject();
            WriteOptional(json, "image", baseImage.Image);
            WriteOptional(json, "apkindex", baseImage.ApkIndex);
            json.EndObject();
        }

        json.EndObject();
    }

    private static void WriteEntrypoint(GoJsonWriter json, ImageEntrypoint entrypoint)
    {
        json.StartObject();
        WriteOptional(json, "type", entrypoint.Type);
        WriteOptional(json, "command", entrypoint.Command);
        WriteOptional(json, "shell-fragment", entrypoint.ShellFragment);
        WriteOptional(json, "services", entrypoint.Services);
        json.EndObject();
    }

    private static void WriteAccounts(GoJsonWriter json, ImageAccounts accounts)
    {
        json.StartObject();
        WriteOptional(json, "run-as", accounts.RunAs);
        if (!accounts.Users.IsEmpty)
        {
            json.Name("users");
            json.StartArray();
            accounts.Users.ToList().ForEach(user => WriteUser(json, user));
            json.EndArray();
        }

        if (!accounts.Groups.IsEmpty)
        {
            json.Name("groups");
            json.StartArray();
            accounts.Groups.ToList().ForEach(group => WriteGroup(json, group));
            json.EndArray();
        }

        json.EndObject();
    }

    private static void WriteUser(GoJsonWriter json, User user)
    {
        json.StartObject();
        WriteOptional(json, "username", user.UserName);
        WriteOptional(json, "uid", user.Uid);
        WriteNullable(json, "gid", user.Gid);
        WriteOptional(json, "shell", user.Shell);
        WriteOptional(json, "homedir", user.HomeDir);
        json.EndObject();
    }

    private static void WriteGroup(GoJsonWriter json, Group group)
    {
        json.StartObject();
        WriteOptional(json, "groupname", group.GroupName);
        WriteOptional(json, "gid", group.Gid);
        WriteOptional(json, "members", group.Members);
        json.EndObject();
    }

    private static void WritePaths(GoJsonWriter json, ImmutableArray<PathMutation> paths)
    {
        if (paths.IsEmpty)
        {
            return;
        }

        json.Name("paths");
        json.StartArray();
        foreach (var mutation in paths)
        {
            json.StartObject();
            WriteOptional(json, "path", mutation.Path);
            json.Property("type", PathMutation.ToYamlName(mutation.Type));
            WriteNullable(json, "uid", mutation.Uid);
            WriteNullable(json, "gid", mutation.Gid);
            WriteOptional(json, "permissions", mutation.Permissions ?? 0);
            WriteOptional(json, "source", mutation.Source);
            if (mutation.Recursive)
            {
                json.Name("recursive");
                json.Boolean(true);
            }

            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteLayering(GoJsonWriter json, Layering? layering)
    {
        if (layering is null)
        {
            return;
        }

        json.Name("layering");
        json.StartObject();
        WriteOptional(json, "strategy", layering.Strategy);
        if (layering.Budget != 0)
        {
            json.Name("budget");
            json.Number(layering.Budget);
        }

        json.EndObject();
    }

    private static void WriteCertificates(GoJsonWriter json, ImageCertificates? certificates)
    {
        if (certificates is null)
        {
            return;
        }

        json.Name("certificates");
        json.StartObject();
        if (!certificates.Additional.IsEmpty)
        {
            json.Name("additional");
            var entries = certificates.Additional.Select(certificate => (certificate.Name, certificate.Content));
            WriteNamedContents(json, entries);
        }

        WriteOptional(json, "providers", certificates.Providers);
        json.EndObject();
    }

    private static void WriteNamedContents(GoJsonWriter json, IEnumerable<(string Name, string Content)> entries)
    {
        json.StartArray();
        foreach (var (name, content) in entries)
        {
            json.StartObject();
            WriteOptional(json, "name", name);
            WriteOptional(json, "content", content);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteOptional(GoJsonWriter json, string name, string value)
    {
        if (value.Length > 0)
        {
            json.Property(name, value);
        }
    }

    private static void WriteOptional(GoJsonWriter json, string name, uint value)
    {
        if (value != 0)
        {
            json.Name(name);
            json.Number(value);
        }
    }

    // A Go pointer field with omitempty is left out only when nil, so an explicit 0 is written.
    private static void WriteNullable(GoJsonWriter json, string name, uint? value)
    {
        if (value is { } number)
        {
            json.Name(name);
            json.Number(number);
        }
    }

    private static void WriteOptional(GoJsonWriter json, string name, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.Name(name);
        json.StartArray();
        foreach (var value in values)
        {
            json.String(value);
        }

        json.EndArray();
    }

    private static void WriteOptional(GoJsonWriter json, string name, ImmutableSortedDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        json.Name(name);
        json.StartObject();

        // Go sorts map keys by their UTF-8 bytes.
        foreach (var (key, value) in map.OrderBy(entry => entry.Key, Utf8ByteComparer.Instance))
        {
            json.Property(key, value);
        }

        json.EndObject();
    }
}
