using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko publish CONFIG TAG...</c>: builds and pushes the image and its index to a registry.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var tags = new Argument<string[]>("tag") { Description = "Image references to push to.", Arity = ArgumentArity.OneOrMore };
        var imageRefs = new Option<string?>("--image-refs")
        {
            Description = "File to write the pushed references to: one per architecture, then the index.",
        };
        var local = new Option<bool>("--local") { Description = "Load into a local Docker daemon (not built yet)." };
        var command = new Command("publish", "Build an image and push it to a registry.") { config, tags, imageRefs, local };
        BuildCommand.AddBuildFlags(command, flags);
        command.Options.Add(flags.Lockfile);
        command.Options.Add(flags.IgnoreSignatures);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.PublishAsync(
                context,
                flags,
                result.GetValue(config)!,
                result.GetValue(tags)!,
                result.GetValue(imageRefs),
                result.GetValue(local)),
            token));
        return command;
    }
}
