using System.Collections.Immutable;
using Apko.Configuration.Yaml;

namespace Apko.Configuration;

/// <summary>The apko schema: one method per YAML section, each listing the keys that section accepts.</summary>
internal sealed partial class ConfigurationReader
{
    private ImageConfiguration ReadRoot(YamlNode node)
    {
        var config = ImageConfiguration.Empty;
        ReadObject(node, "", new Dictionary<string, Action<YamlNode, string>>
        {
            ["contents"] = (n, p) => config = config with { Contents = ReadContents(n, p) },
            ["entrypoint"] = (n, p) => config = config with { Entrypoint = ReadEntrypoint(n, p) },
            ["cmd"] = (n, p) => config = config with { Cmd = ReadString(n, p) },
            ["stop-signal"] = (n, p) => config = config with { StopSignal = ReadString(n, p) },
            ["work-dir"] = (n, p) => config = config with { WorkDir = ReadString(n, p) },
            ["accounts"] = (n, p) => config = config with { Accounts = ReadAccounts(n, p) },
            ["archs"] = (n, p) => config = config with { Archs = ReadList(n, p, ReadArchitecture) },
            ["environment"] = (n, p) => config = config with { Environment = ReadStringMap(n, p) },
            ["paths"] = (n, p) => config = config with { Paths = ReadList(n, p, ReadPathMutation) },
            ["vcs-url"] = (n, p) => config = config with { VcsUrl = ReadString(n, p) },
            ["annotations"] = (n, p) => config = config with { Annotations = ReadStringMap(n, p) },
            ["include"] = (n, p) => config = config with { Include = ReadString(n, p) },
            ["volumes"] = (n, p) => config = config with { Volumes = ReadStringList(n, p) },
            ["layering"] = (n, p) => config = config with { Layering = ReadLayering(n, p) },
            ["format"] = (n, p) => config = config with { Format = ReadString(n, p) },
            ["certificates"] = (n, p) => config = config with { Certificates = ReadCertificates(n, p) },
        });
        return config;
    }

    private ImageContents ReadContents(YamlNode node, string path)
    {
        var contents = ImageContents.Empty;
        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["build_repositories"] = (n, p) => contents = contents with { BuildRepositories = ReadStringList(n, p) },
            ["runtime_repositories"] = (n, p) =>
                contents = contents with { RuntimeRepositories = ReadStringList(n, p) },
            ["repositories"] = (n, p) => contents = contents with { Repositories = ReadStringList(n, p) },
            ["keyring"] = (n, p) => contents = contents with { Keyring = ReadStringList(n, p) },
            ["runtime_keyring"] = (n, p) =>
                contents = contents with { RuntimeKeyring = ReadList(n, p, ReadRuntimeKey) },
            ["packages"] = (n, p) => contents = contents with { Packages = ReadStringList(n, p) },
            ["baseimage"] = (n, p) => contents = contents with { BaseImage = ReadBaseImage(n, p) },
        });
        return contents;
    }

    private RuntimeKeyringEntry ReadRuntimeKey(YamlNode node, string path)
    {
        var entry = new RuntimeKeyringEntry("", "");
        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.NameContentKind);
            return entry;
        }

        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["name"] = (n, p) => entry = entry with { Name = ReadString(n, p) },
            ["content"] = (n, p) => entry = entry with { Content = ReadString(n, p) },
        });
        return entry;
    }

    private BaseImageDescriptor? ReadBaseImage(YamlNode node, string path)
    {
        if (node.IsNull)
        {
            return null;
        }

        var baseImage = new BaseImageDescriptor("", "");
        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["image"] = (n, p) => baseImage = baseImage with { Image = ReadString(n, p) },
            ["apkindex"] = (n, p) => baseImage = baseImage with { ApkIndex = ReadString(n, p) },
        });
        return baseImage;
    }

    private ImageEntrypoint ReadEntrypoint(YamlNode node, string path)
    {
        var entrypoint = ImageEntrypoint.Empty;
        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["type"] = (n, p) => entrypoint = entrypoint with { Type = ReadString(n, p) },
            ["command"] = (n, p) => entrypoint = entrypoint with { Command = ReadString(n, p) },
            ["shell-fragment"] = (n, p) => entrypoint = entrypoint with { ShellFragment = ReadString(n, p) },
            ["services"] = (n, p) => entrypoint = entrypoint with { Services = ReadStringMap(n, p) },
        });
        return entrypoint;
    }

    private ImageAccounts ReadAccounts(YamlNode node, string path)
    {
        var accounts = ImageAccounts.Empty;
        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["run-as"] = (n, p) => accounts = accounts with { RunAs = ReadString(n, p) },
            ["users"] = (n, p) => accounts = accounts with { Users = ReadList(n, p, ReadUser) },
            ["groups"] = (n, p) => accounts = accounts with { Groups = ReadList(n, p, ReadGroup) },
        });
        return accounts;
    }

    private User ReadUser(YamlNode node, string path)
    {
        var user = new User();
        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.MappingKind);
            return user;
        }

        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["username"] = (n, p) => user = user with { UserName = ReadString(n, p) },
            ["uid"] = (n, p) => user = user with { Uid = ReadUInt32(n, p) ?? 0 },
            ["gid"] = (n, p) => user = user with { Gid = ReadUInt32(n, p) },
            ["shell"] = (n, p) => user = user with { Shell = ReadString(n, p) },
            ["homedir"] = (n, p) => user = user with { HomeDir = ReadString(n, p) },
        });
        return user;
    }

    private Group ReadGroup(YamlNode node, string path)
    {
        var group = new Group();
        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.MappingKind);
            return group;
        }

        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["groupname"] = (n, p) => group = group with { GroupName = ReadString(n, p) },
            ["gid"] = (n, p) => group = group with { Gid = ReadUInt32(n, p) ?? 0 },
            ["members"] = (n, p) => group = group with { Members = ReadStringList(n, p) },
        });
        return group;
    }

    private Architecture ReadArchitecture(YamlNode node, string path)
    {
        var name = ReadString(node, path);
        if (Architecture.TryParse(name, out var architecture))
        {
            return architecture;
        }

        if (node.Kind == YamlNodeKind.Scalar)
        {
            var message = name is "all" or "host"
                ? ConfigurationMessages.ArchitectureKeywordInFile(name)
                : ConfigurationMessages.UnknownArchitecture(name);
            Report(ConfigurationErrorCodes.InvalidArchitecture, node, path, message);
        }

        // The file already has a problem, so this placeholder never reaches a build.
        return new Architecture(name, name, null);
    }

    private PathMutation ReadPathMutation(YamlNode node, string path)
    {
        var mutation = new PathMutation();
        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.MappingKind);
            return mutation;
        }

        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["path"] = (n, p) => mutation = mutation with { Path = ReadString(n, p) },
            ["type"] = (n, p) => mutation = mutation with { Type = ReadPathMutationType(n, p) },
            ["uid"] = (n, p) => mutation = mutation with { Uid = ReadUInt32(n, p) },
            ["gid"] = (n, p) => mutation = mutation with { Gid = ReadUInt32(n, p) },
            ["permissions"] = (n, p) => mutation = mutation with { Permissions = ReadUInt32(n, p) },
            ["source"] = (n, p) => mutation = mutation with { Source = ReadString(n, p) },
            ["recursive"] = (n, p) => mutation = mutation with { Recursive = ReadBoolean(n, p) },
        });
        return mutation;
    }

    private PathMutationType ReadPathMutationType(YamlNode node, string path)
    {
        var name = ReadString(node, path);
        if (!PathMutation.TryParseType(name, out var type) && node.Kind == YamlNodeKind.Scalar)
        {
            Report(
                ConfigurationErrorCodes.InvalidPathMutation, node, path, ConfigurationMessages.UnknownPathType(name));
        }

        return type;
    }

    private Layering? ReadLayering(YamlNode node, string path)
    {
        if (node.IsNull)
        {
            return null;
        }

        var layering = new Layering("", 0);
        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["strategy"] = (n, p) => layering = layering with { Strategy = ReadString(n, p) },
            ["budget"] = (n, p) =>
                layering = layering with { Budget = (int)(ReadInteger(n, p, int.MinValue, int.MaxValue) ?? 0) },
        });
        return layering;
    }

    private ImageCertificates? ReadCertificates(YamlNode node, string path)
    {
        if (node.IsNull)
        {
            return null;
        }

        var certificates = new ImageCertificates();
        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["additional"] = (n, p) =>
                certificates = certificates with { Additional = ReadList(n, p, ReadCertificate) },
            ["providers"] = (n, p) => certificates = certificates with { Providers = ReadStringList(n, p) },
        });
        return certificates;
    }

    private AdditionalCertificate ReadCertificate(YamlNode node, string path)
    {
        var certificate = new AdditionalCertificate("", "");
        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.NameContentKind);
            return certificate;
        }

        ReadObject(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["name"] = (n, p) => certificate = certificate with { Name = ReadString(n, p) },
            ["content"] = (n, p) => certificate = certificate with { Content = ReadString(n, p) },
        });
        return certificate;
    }
}
