using System.CommandLine;
using Apko.Oci.Registry;
using Apko.Oci.Registry.Authentication;

namespace Apko.Cli.Commands;

/// <summary>
/// Hidden <c>apko push-layout LAYOUT TAG...</c>: pushes an OCI image layout that <c>build</c> wrote, so a push can be
/// timed apart from the build (bench/push.sh) or a build pushed later.
/// </summary>
internal static class PushLayoutCommand
{
    public static Command Create()
    {
        var layout = new Argument<string>("layout") { Description = "OCI image layout directory written by 'apko build'." };
        var tags = new Argument<string[]>("tag") { Description = "Image references to push to.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("push-layout", "Push an OCI image layout to a registry.") { layout, tags };
        command.Hidden = true;
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            async context =>
            {
                var references = result.GetValue(tags)!.Select(t =>
                {
                    FlagValidation.CheckTag(t);
                    return ImageReference.Parse(t);
                }).ToArray();
                using var http = Handlers.CreateHttpClient();
                var client = new RegistryClient(new RegistryClientOptions
                {
                    HttpClient = http,
                    Credentials = new DockerConfigCredentialProvider(new DockerConfigOptions(Handlers.DockerConfigPath())),
                    Logger = context.Logger,
                });
                var directory = Path.GetFullPath(result.GetValue(layout)!, context.Environment.WorkingDirectory);
                var pushed = await new ImagePusher(client, context.Logger).PushAsync(directory, references, null, context.CancellationToken);
                await context.Out.WriteLineAsync(pushed.Reference.ToString());
                return ExitCodes.Success;
            },
            token));
        return command;
    }
}
