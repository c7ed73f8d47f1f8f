using Apko.Configuration;

namespace Apko.Tests.Configuration;

public sealed class ImageConfigurationYamlTests
{
    [Fact]
    public void Serialize_RedactsUrlPasswords()
    {
        var config = ImageConfiguration.Empty with
        {
            Contents = new ImageContents
            {
                Repositories = ["https://user:secret@packages.example/os", "@edge https://u:p@edge.example/main"],
                BuildRepositories = ["https://token@build.example/os"],
                Keyring = ["https://me:pw@keys.example/k.rsa.pub?x=1"],
                Packages = ["busybox"],
            },
        };

        var yaml = ImageConfigurationYaml.Serialize(config);

        Assert.Equal(
            "contents:\n"
            + "  build_repositories:\n"
            + "    - https://token@build.example/os\n"
            + "  repositories:\n"
            + "    - https://user:xxxxx@packages.example/os\n"
            + "    - '@edge https://u:xxxxx@edge.example/main'\n"
            + "  keyring:\n"
            + "    - https://me:xxxxx@keys.example/k.rsa.pub?x=1\n"
            + "  packages:\n"
            + "    - busybox\n",
            yaml);
        Assert.DoesNotContain("secret", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serialize_OutputLoadsBackToSameValues()
    {
        var config = ImageConfigurationJsonTests.FullConfiguration() with
        {
            Accounts = ImageConfigurationJsonTests.FullConfiguration().Accounts with { RunAs = "1000" },
            Environment = ImageConfigurationJsonTests.FullConfiguration().Environment.Add("EMPTY_LOOKING", "null"),
            Include = "",
            Entrypoint = ImageEntrypoint.Empty with { Command = "/bin/sh -c 'echo: hi'" },
            Certificates = null,
            Contents = ImageConfigurationJsonTests.FullConfiguration().Contents with { RuntimeKeyring = [] },
        };
        using var directory = new TemporaryConfigurationDirectory();
        directory.Write("apko.yaml", ImageConfigurationYaml.Serialize(config));

        var loaded = (await directory.LoadAsync()).Configuration;

        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(ImageConfigurationJson.Serialize(config)),
            System.Text.Encoding.UTF8.GetString(ImageConfigurationJson.Serialize(loaded)));
    }

    [Fact]
    public async Task Serialize_NginxExampleReadsLikeSource()
    {
        var options = new ConfigurationLoaderOptions { WorkingDirectory = Apko.Testing.Fixtures.Path("apko") };
        var loaded = await ConfigurationLoader.LoadAsync(
            "examples/nginx.yaml", options, TestContext.Current.CancellationToken);

        var yaml = ImageConfigurationYaml.Serialize(loaded.Configuration);

        Assert.Equal(
            """
            contents:
              repositories:
                - https://packages.wolfi.dev/os
              keyring:
                - https://packages.wolfi.dev/os/wolfi-signing.rsa.pub
              packages:
                - wolfi-baselayout
                - nginx
                - s6
            entrypoint:
              type: service-bundle
              command: /bin/s6-svscan /sv
              services:
                nginx: /usr/sbin/nginx -c /etc/nginx/nginx.conf -g "daemon off;"
            work-dir: /usr/share/nginx
            accounts:
              users:
                - username: nginx
                  uid: 10000
                  homedir: /home/nginx
              groups:
                - groupname: nginx
                  gid: 10000
            archs:
              - amd64
            environment:
              PATH: /usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin
            paths:
              - path: /run/nginx
                type: directory
                uid: 10000
                gid: 10000
                permissions: 0o755
              - path: /etc/nginx/http.d/default.conf
                type: hardlink
                uid: 10000
                gid: 10000
                permissions: 0o644
                source: /etc/nginx/nginx.conf.default
            annotations:
              foo: bar

            """,
            yaml);
    }
}
