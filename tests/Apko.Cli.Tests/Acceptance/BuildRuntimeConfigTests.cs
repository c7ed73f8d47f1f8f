using Apko.Testing;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>
/// A config with accounts, run-as, work-dir, environment, paths, entrypoint and cmd, built to a tarball and run in
/// podman. Each setting must be in effect inside the container as the config declares it.
/// </summary>
public sealed class BuildRuntimeConfigTests(RuntimeImage image) : IClassFixture<RuntimeImage>
{
    private const string Script =
        "id -u; id -g; pwd; echo $GREETING; stat -c '%u:%g %a' /srv/app/data.txt; stat -c '%u:%g %a' /home/app";

    public static TheoryData<int, string, string> ContainerLines => new()
    {
        { 0, "10000", "run-as user id" },
        { 1, "10000", "run-as group id" },
        { 2, "/srv/app", "work-dir" },
        { 3, "hello", "environment GREETING" },
        { 4, "10000:10000 640", "owner and mode of the paths empty-file" },
        { 5, "10000:10000 700", "owner and mode of the account's home directory" },
    };

    [Theory]
    [MemberData(nameof(ContainerLines))]
    public async Task Run_ContainerSeesConfiguredSetting(int line, string expected, string setting)
    {
        var podman = await image.LoadAsync();

        var run = await podman.RunAsync(
            "run", "--rm", "--network=none", "--entrypoint", "/bin/sh", "localhost/app:test", "-c", Script);

        Assert.True(run.ExitCode == 0, $"podman run failed: {run}");
        var lines = run.Stdout.Split('\n');
        Assert.True(lines.Length > line, $"The container printed too few lines: {run}");
        Assert.True(lines[line] == expected, $"The {setting} is '{lines[line]}', not '{expected}'.");
    }

    [Fact]
    public async Task Run_EntrypointRunsCmd()
    {
        var podman = await image.LoadAsync();

        var run = await podman.RunAsync("run", "--rm", "--network=none", "localhost/app:test");

        Assert.True(run.ExitCode == 0, $"podman run of the entrypoint and cmd failed: {run}");
        Assert.True(run.Stdout == "from cmd\n", $"The entrypoint and cmd printed '{run.Stdout}', not 'from cmd'.");
    }

    internal static string Config() => $"""
        contents:
          keyring:
            - {Fixtures.Path("alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")}
          repositories:
            - {Fixtures.Path("alpine", "v3.19.1-iso")}
          packages:
            - busybox
        accounts:
          groups:
            - groupname: app
              gid: 10000
          users:
            - username: app
              uid: 10000
              gid: 10000
          run-as: app
        work-dir: /srv/app
        environment:
          GREETING: hello
        paths:
          - path: /srv/app
            type: directory
            uid: 10000
            gid: 10000
            permissions: 0o755
          - path: /srv/app/data.txt
            type: empty-file
            uid: 10000
            gid: 10000
            permissions: 0o640
        entrypoint:
          command: /bin/sh -c
        cmd: "'echo from cmd'"
        archs: [x86_64]
        """;
}
