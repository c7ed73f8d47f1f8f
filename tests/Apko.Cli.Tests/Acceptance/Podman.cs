using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// Runs podman with storage, run state and configuration inside a test directory, so tests never touch the
/// host's images or settings.
/// </summary>
internal sealed class Podman
{
    // Run as root without systemd or journald, podman needs cgroupfs, a file event log and runc. The sandbox
    // also lacks CAP_SYS_RESOURCE, so ulimits must stay under the hard limits. With podman's default nproc
    // limit, runc fails with "error setting rlimit type 6: operation not permitted".
    private const string ContainersConf = """
        [containers]
        default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
        netns = "none"

        [engine]
        cgroup_manager = "cgroupfs"
        events_logger = "file"
        runtime = "runc"
        """;

    private readonly string _program;
    private readonly TemporaryDirectory _directory;
    private readonly Dictionary<string, string> _environment;

    public Podman(string program, TemporaryDirectory directory)
    {
        _program = program;
        _directory = directory;
        var conf = directory.Combine("containers.conf");
        File.WriteAllText(conf, ContainersConf);
        _environment = new Dictionary<string, string>
        {
            ["CONTAINERS_CONF"] = conf,
            ["XDG_RUNTIME_DIR"] = directory.CreateDirectory("xdg"),
        };
    }

    /// <summary>Runs podman with the test's storage root, run root and vfs storage driver.</summary>
    public Task<ToolResult> RunAsync(params string[] arguments)
    {
        string[] all =
        [
            "--root", _directory.Combine("root"), "--runroot", _directory.Combine("runroot"),
            "--storage-driver", "vfs", "--events-backend", "file", "--cgroup-manager", "cgroupfs",
            .. arguments,
        ];
        return ExternalTool.RunAsync(_program, all, _directory.Path, _environment, TimeSpan.FromMinutes(2));
    }
}
