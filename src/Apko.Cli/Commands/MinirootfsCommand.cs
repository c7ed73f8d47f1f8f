using System.CommandLine;

namespace Apko.Cli.Commands;

/// <summary><c>apko build-minirootfs CONFIG OUTPUT</c>: writes the root filesystem of one architecture as a tar.</summary>
internal static class MinirootfsCommand
{
    public static Command Create() => RootfsCommand.Create(
        "build-minirootfs",
        "Build a root filesystem tarball for one architecture (gzip-compressed when OUTPUT ends in .gz).",
        RootfsFormat.Tar);
}

/// <summary><c>apko build-cpio CONFIG OUTPUT</c>: writes the root filesystem of one architecture as newc cpio.</summary>
internal static class CpioCommand
{
    public static Command Create() => RootfsCommand.Create(
        "build-cpio",
        "Build a newc cpio archive for an initramfs (gzip-compressed when OUTPUT ends in .gz).",
        RootfsFormat.Cpio);
}

/// <summary>Archive format of a root filesystem command.</summary>
internal enum RootfsFormat
{
    Tar,
    Cpio,
}

/// <summary>The shared shape of <c>build-minirootfs</c> and <c>build-cpio</c>.</summary>
internal static class RootfsCommand
{
    public static Command Create(string name, string description, RootfsFormat format)
    {
        var flags = new BuildFlags();
        var config = new Argument<string>("config.yaml") { Description = "The apko configuration file." };
        var output = new Argument<string>("output") { Description = "Archive file to write." };
        var buildArch = new Option<string?>("--build-arch")
        {
            Description = "Architecture to build (default: this machine's).",
        };
        var command = new Command(name, description) { config, output, buildArch };
        command.Options.Add(flags.KeyringAppend);
        command.Options.Add(flags.RepositoryAppend);
        command.Options.Add(flags.BuildRepositoryAppend);
        command.Options.Add(flags.PackageAppend);
        command.Options.Add(flags.BuildDate);
        command.Options.Add(flags.SbomPath);
        command.Options.Add(flags.CacheDir);
        command.Options.Add(flags.Offline);
        command.Options.Add(flags.MaxIndexSize);
        command.Options.Add(flags.MaxControlSize);
        command.Options.Add(flags.MaxDataSize);
        command.Options.Add(flags.MaxHttpSize);
        if (format == RootfsFormat.Tar)
        {
            command.Options.Add(flags.IgnoreSignatures);
        }

        command.SetAction((result, token) => CommandRunner.RunAsync(
            result,
            context => Handlers.RootfsAsync(
                context,
                flags,
                result.GetValue(config)!,
                result.GetValue(output)!,
                result.GetValue(buildArch),
                format),
            token));
        return command;
    }
}
