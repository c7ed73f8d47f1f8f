using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko build CONFIG TAG OUTPUT</c>: builds the image into an OCI layout directory or a tarball.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var tag = new Argument<string>("tag") { Description = "Image reference to tag the image with, such as app:latest." };
        var output = new Argument<string>("output")
        {
            Description = "An existing directory (written as an OCI image layout) or a tarball path.",
        };
        var command = new Command("build", "Build an image from an apko configuration file.") { config, tag, output };
        AddBuildFlags(command, flags);
        command.Options.Add(flags.Lockfile);
        command.Options.Add(flags.IncludePaths);
        command.Options.Add(flags.IgnoreSignatures);
        command.Options.Add(flags.MaxIndexSize);
        command.Options.Add(flags.MaxControlSize);
        command.Options.Add(flags.MaxDataSize);
        command.Options.Add(flags.MaxHttpSize);
        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.BuildAsync(
                context,
                flags,
                result.GetValue(config)!,
                result.GetValue(tag)!,
                result.GetValue(output)!),
            token));
        return command;
    }

    /// <summary>Adds the flags <c>build</c> and <c>publish</c> share.</summary>
    public static void AddBuildFlags(Command command, BuildFlags flags)
    {
        command.Options.Add(flags.Arch);
        command.Options.Add(flags.KeyringAppend);
        command.Options.Add(flags.RepositoryAppend);
        command.Options.Add(flags.BuildRepositoryAppend);
        command.Options.Add(flags.PackageAppend);
        command.Options.Add(flags.BuildDate);
        command.Options.Add(flags.Sbom);
        command.Options.Add(flags.SbomPath);
        command.Options.Add(flags.SbomFormats);
        command.Options.Add(flags.Vcs);
        command.Options.Add(flags.Annotations);
        command.Options.Add(flags.CacheDir);
        command.Options.Add(flags.Offline);
        command.Options.Add(flags.Format);
        command.Options.Add(flags.Compression);
    }
}
