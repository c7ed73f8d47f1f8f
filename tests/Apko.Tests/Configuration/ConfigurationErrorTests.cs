using Apko.Configuration;

namespace Apko.Tests.Configuration;

/// <summary>Bad inputs: each must fail with the file position, the key path and a fix in the message.</summary>
public sealed class ConfigurationErrorTests
{
    public static TheoryData<string, string, string, string, string> BadInputs() => new()
    {
        {
            "unknown key", "contents:\n  packages:\n    - busybox\n  pakages:\n    - curl\n",
            "apko.yaml:4:3: contents.pakages:", ConfigurationErrorCodes.UnknownKey, "Did you mean 'packages'?"
        },
        {
            "unknown top-level key", "contents:\n  packages: [busybox]\nalpine:\n",
            "apko.yaml:3:1: alpine:", ConfigurationErrorCodes.UnknownKey, "Valid keys here: accounts, annotations"
        },
        {
            "wrong type", "contents:\n  packages: busybox\n",
            "apko.yaml:2:13: contents.packages:", ConfigurationErrorCodes.WrongType, "Write one '- item' line per entry"
        },
        {
            "map where string belongs", "cmd:\n  - /bin/sh\n",
            "apko.yaml:2:3: cmd:", ConfigurationErrorCodes.WrongType, "Expected a single value but found a list."
        },
        {
            "bad constraint", "contents:\n  packages:\n    - musl\n    - zlib\n    - busybox>>1.36\n",
            "apko.yaml:5:7: contents.packages[2]: 'busybox>>1.36' is not a valid package constraint",
            ConfigurationErrorCodes.InvalidPackageConstraint, "Use NAME, NAME=VERSION or NAME>VERSION."
        },
        {
            "trailing slash path", "paths:\n  - path: /run/app/\n    type: directory\n    permissions: 0o755\n",
            "apko.yaml:2:11: paths[0].path:", ConfigurationErrorCodes.InvalidPathMutation, "'/run/app'"
        },
        {
            "directory without permissions", "paths:\n  - path: /run/app\n    type: directory\n",
            "apko.yaml:2:5: paths[0]:", ConfigurationErrorCodes.InvalidPathMutation, "permissions: 0o755"
        },
        {
            "unknown path type", "paths:\n  - path: /x\n    type: fifo\n",
            "apko.yaml:3:11: paths[0].type:", ConfigurationErrorCodes.InvalidPathMutation, "Use directory, empty-file"
        },
        {
            "uid 0", "accounts:\n  users:\n    - username: admin\n      uid: 0\n",
            "apko.yaml:4:12: accounts.users[0].uid:", ConfigurationErrorCodes.InvalidAccount, "use 'run-as: 0'"
        },
        {
            "bad arch", "archs:\n  - x86_64\n  - sparc\n",
            "apko.yaml:3:5: archs[1]: 'sparc' is not a supported architecture",
            ConfigurationErrorCodes.InvalidArchitecture, "amd64 (x86_64)"
        },
        {
            "quoted mode", "paths:\n  - path: /x\n    type: permissions\n    permissions: \"0755\"\n",
            "apko.yaml:4:18: paths[0].permissions:", ConfigurationErrorCodes.WrongType, "0o755 for an octal mode"
        },
        {
            "duplicate key", "cmd: a\ncmd: b\n",
            "apko.yaml:2:1: cmd: 'cmd' is already defined on line 1", ConfigurationErrorCodes.DuplicateKey, "Keep one"
        },
        {
            "malformed yaml", "contents:\n  packages: [busybox\n",
            "apko.yaml:3:1: The file is not valid YAML", ConfigurationErrorCodes.MalformedYaml, "YAML"
        },
        {
            "layering strategy", "layering:\n  strategy: size\n",
            "apko.yaml:2:13: layering.strategy:", ConfigurationErrorCodes.InvalidLayering, "Use 'strategy: origin'"
        },
        {
            "erofs not built", "format: erofs\n",
            "apko.yaml:1:9: format: The EROFS layer format", ConfigurationErrorCodes.NotBuiltYet, "Use 'format: tar'"
        },
        {
            "bad runtime key name", "contents:\n  runtime_keyring:\n    - name: .hidden\n      content: PEM\n",
            "apko.yaml:3:13: contents.runtime_keyring[0].name:", ConfigurationErrorCodes.InvalidRuntimeKey,
            "not starting with '.'"
        },
        {
            "duplicate runtime key name",
            "contents:\n  runtime_keyring:\n    - {name: a.rsa.pub, content: A}\n    - {name: a.rsa.pub, content: B}\n",
            "apko.yaml:4:14: contents.runtime_keyring[1].name: The key name 'a.rsa.pub' is already used at apko.yaml:3:14.",
            ConfigurationErrorCodes.InvalidRuntimeKey, "Give each runtime key its own name."
        },
        {
            "two certificates in one entry",
            "certificates:\n  additional:\n    - name: two\n      content: |\n"
            + "        -----BEGIN CERTIFICATE-----\n        AAAA\n        -----END CERTIFICATE-----\n"
            + "        -----BEGIN CERTIFICATE-----\n        AAAA\n        -----END CERTIFICATE-----\n",
            "apko.yaml:3:7: certificates.additional[0]: The certificate 'two' contains 2 PEM CERTIFICATE blocks.",
            ConfigurationErrorCodes.InvalidCertificate, "Give exactly one certificate per entry."
        },
        {
            "base image not built yet",
            "contents:\n  baseimage:\n    image: ./base\n    apkindex: ./index\n",
            "apko.yaml:3:5: contents.baseimage: Building on a base image ('contents.baseimage') is not built yet",
            ConfigurationErrorCodes.NotBuiltYet, "list the base image's packages in 'contents.packages' instead."
        },
        {
            "user without uid",
            "accounts:\n  users:\n    - username: app\n",
            "apko.yaml:3:7: accounts.users[0]: The user 'app' has no 'uid'.",
            ConfigurationErrorCodes.InvalidAccount, "Add a non-zero user ID."
        },
        {
            "root is a list",
            "- contents\n",
            "apko.yaml:1:1: Expected a mapping of keys to values but found a list.",
            ConfigurationErrorCodes.WrongType, "Write 'key: value' lines"
        },
        {
            "empty file",
            "# only a comment\n",
            "apko.yaml:1:1: The file contains no YAML document.",
            ConfigurationErrorCodes.MalformedYaml, "Add at least a 'contents' section."
        },
        {
            "alias inside its own anchor",
            "environment: &env\n  A: *env\n",
            "apko.yaml:2:6: The file is not valid YAML: The alias '*env' names no anchor defined before it.",
            ConfigurationErrorCodes.MalformedYaml, "no anchor"
        },
        {
            "nesting too deep",
            "volumes: " + new string('[', 100) + new string(']', 100) + "\n",
            "apko.yaml:1:74: The file is not valid YAML: The document nests deeper than 64 levels.",
            ConfigurationErrorCodes.MalformedYaml, "64 levels"
        },
        {
            "symlink without source", "paths:\n  - path: /bin/sh\n    type: symlink\n",
            "apko.yaml:2:5: paths[0]:", ConfigurationErrorCodes.InvalidPathMutation, "Add the path the link points to."
        },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task LoadAsync_BadInputReportsPositionAndFix(
        string name, string yaml, string expectedStart, string expectedCode, string expectedFix)
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("apko.yaml", yaml);

        var exception = await Assert.ThrowsAsync<ConfigurationException>(
            () => directory.LoadAsync());

        Assert.True(exception.Problems.Count == 1, $"{name}: expected one problem, got:\n{exception.Message}");
        Assert.StartsWith(expectedStart, exception.Message, StringComparison.Ordinal);
        Assert.Equal(expectedCode, exception.Code);
        Assert.Contains(expectedFix, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_IncludeCycleNamesTheChain()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("a.yaml", "include: b.yaml\n");
        directory.Write("b.yaml", "cmd: x\ninclude: a.yaml\n");

        var exception = await Assert.ThrowsAsync<ConfigurationException>(
            () => directory.LoadAsync("a.yaml"));

        Assert.Equal(ConfigurationErrorCodes.IncludeCycle, exception.Code);
        Assert.Equal("b.yaml:2:10: include: The include chain is a cycle: a.yaml -> b.yaml -> a.yaml. "
            + "Remove one of these 'include' keys.", exception.Message);
    }

    [Fact]
    public async Task LoadAsync_MissingIncludeNamesPathsTried()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("apko.yaml", "contents:\n  packages: [busybox]\ninclude: base.yaml\n");

        var exception = await Assert.ThrowsAsync<ConfigurationException>(
            () => directory.LoadAsync());

        Assert.Equal(ConfigurationErrorCodes.FileNotFound, exception.Code);
        Assert.StartsWith(
            "apko.yaml:3:10: include: The configuration file 'base.yaml' was not found",
            exception.Message,
            StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory.Path, "base.yaml"), exception.Message, StringComparison.Ordinal);
        Assert.Contains("--include-paths", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NulInIncludeIsNotFound()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("apko.yaml", "include: \"a\\0b.yaml\"\n");

        var exception = await Assert.ThrowsAsync<ConfigurationException>(() => directory.LoadAsync());

        Assert.Equal(ConfigurationErrorCodes.FileNotFound, exception.Code);
        Assert.StartsWith("apko.yaml:1:10: include: The configuration file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFileFailsWithoutLocation()
    {
        using var directory = new TemporaryConfigurationDirectory();

        var exception = await Assert.ThrowsAsync<ConfigurationException>(
            () => directory.LoadAsync("nope.yaml"));

        Assert.Equal(ConfigurationErrorCodes.FileNotFound, exception.Code);
        Assert.StartsWith(
            "The configuration file 'nope.yaml' was not found", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ReportsEveryProblemInFileOrder()
    {
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("base.yaml", "contents:\n  packages: ['a b']\n");
        directory.Write("apko.yaml", string.Join('\n',
            "include: base.yaml",
            "contents:",
            "  packages: ['ok', 'bad>>1', 'x=']",
            "accounts:",
            "  users:",
            "    - username: root",
            "      uid: 0",
            "archs: [mips]",
            "colour: blue",
            ""));

        var exception = await Assert.ThrowsAsync<ConfigurationException>(
            () => directory.LoadAsync());

        var lines = exception.Message.Split('\n');
        Assert.Equal(ConfigurationErrorCodes.SeveralProblems, exception.Code);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("apko.yaml:3:20: contents.packages[1]: 'bad>>1'", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(
            "contents.packages[2]: 'x=' is not a valid package constraint: the version after '=' is missing. "
            + "Use NAME, NAME=VERSION or NAME>VERSION.",
            lines[1],
            StringComparison.Ordinal);
        Assert.StartsWith("apko.yaml:7:12: accounts.users[0].uid:", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("apko.yaml:8:9: archs[0]: 'mips'", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("apko.yaml:9:1: colour: 'colour' is not a known key.", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("base.yaml:2:14: contents.packages[0]: 'a b'", lines[5], StringComparison.Ordinal);
    }
}
