namespace Apko.Cli.Commands;

/// <summary>The actions of the commands that run the build library.</summary>
internal static partial class Handlers
{
    private static ApkoException NotBuiltYet(string command) =>
        new("APKO1900", $"'{command}' is not built yet in this version of apko for .NET.");

    public static Task<int> BuildAsync(CommandContext context, BuildFlags flags, string config, string tag, string output) =>
        throw NotBuiltYet("build");

    public static Task<int> PublishAsync(
        CommandContext context, BuildFlags flags, string config, string[] tags, string? imageRefs, bool local) =>
        throw NotBuiltYet("publish");

    public static Task<int> LockAsync(CommandContext context, BuildFlags flags, string config, string? output, string suffix) =>
        throw NotBuiltYet("lock");

    public static Task<int> ShowPackagesAsync(CommandContext context, BuildFlags flags, string config, string format) =>
        throw NotBuiltYet("show-packages");

    public static Task<int> ShowConfigAsync(CommandContext context, BuildFlags flags, string config) =>
        throw NotBuiltYet("show-config");

    public static Task<int> DotAsync(CommandContext context, BuildFlags flags, string config, bool spanningTree) =>
        throw NotBuiltYet("dot");

    public static Task<int> RootfsAsync(
        CommandContext context, BuildFlags flags, string config, string output, string? buildArch, RootfsFormat format) =>
        throw NotBuiltYet(format == RootfsFormat.Tar ? "build-minirootfs" : "build-cpio");

    public static Task<int> CleanAsync(CommandContext context, BuildFlags flags, bool dryRun) =>
        throw NotBuiltYet("clean");

    public static Task<int> LoginAsync(
        CommandContext context, string server, string? username, string? password, bool passwordStdin) =>
        throw NotBuiltYet("login");
}
