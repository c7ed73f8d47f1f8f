using Apko.Build;
using Apko.Oci.Registry;
using Apko.Oci.Registry.Authentication;

namespace Apko.Cli.Commands;

internal static partial class Handlers
{
    public static async Task<int> PublishAsync(
        CommandContext context, BuildFlags flags, string config, string[] tags, string? imageRefs, bool local)
    {
        if (local)
        {
            throw new ApkoException(
                "APKO1900",
                "'publish --local' is not built yet: there is no Docker daemon support. "
                + "Build a tarball with 'apko build' and load it with 'podman load' or 'docker load'.");
        }

        var options = CreateBuildOptions(context, flags, config);
        foreach (var tag in tags)
        {
            FlagValidation.CheckTag(tag);
        }

        using var http = CreateHttpClient();
        var registry = new RegistryClient(new RegistryClientOptions
        {
            HttpClient = http,
            Credentials = new DockerConfigCredentialProvider(new DockerConfigOptions(DockerConfigPath())),
            Logger = context.Logger,
        });
        var publish = new PublishOptions
        {
            Registry = registry,
            ImageRefsPath = imageRefs is null ? null : Path.GetFullPath(imageRefs, context.Environment.WorkingDirectory),
        };
        var reference = await ImagePublisher.PublishAsync(options, publish, tags, http, context.CancellationToken);
        await context.Out.WriteLineAsync(reference);
        return ExitCodes.Success;
    }

    public static async Task<int> LoginAsync(
        CommandContext context, string server, string? username, string? password, bool passwordStdin)
    {
        if (passwordStdin)
        {
            if (password is not null)
            {
                throw new UsageException("--password and --password-stdin cannot be used together.");
            }

            password = (await Console.In.ReadToEndAsync(context.CancellationToken)).TrimEnd('\r', '\n');
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            throw new UsageException("Give --username and a password (--password-stdin is safer than --password).");
        }

        var path = DockerConfigPath();
        await DockerConfigFile.WriteLoginAsync(
            new DockerConfigOptions(path), server, RegistryCredential.FromPassword(username, password), context.CancellationToken);
        await Console.Error.WriteLineAsync($"Logged in to '{server}'; credentials stored in '{path}'.");
        return ExitCodes.Success;
    }

    /// <summary>Returns the Docker config file: <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    internal static string DockerConfigPath()
    {
        var directory = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(directory))
        {
            directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return Path.Combine(directory, "config.json");
    }
}
