namespace Apko.Apk.Installation;

/// <summary>The install script names apk-tools 2.14 recognizes, in the order it writes them to <c>scripts.tar</c>.</summary>
internal static class PackageScripts
{
    public static IReadOnlyList<string> Actions { get; } =
    [
        "pre-install", "post-install", "pre-deinstall", "post-deinstall", "pre-upgrade", "post-upgrade", "trigger",
    ];

    /// <summary>Returns whether a control entry name such as <c>.post-install</c> is an install script.</summary>
    public static bool IsScript(string name) => name.StartsWith('.') && Actions.Contains(name[1..]);
}
