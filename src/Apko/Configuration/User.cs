namespace Apko.Configuration;

/// <summary>A user of <c>accounts.users</c>.</summary>
public sealed record User
{
    /// <summary>The login name (<c>username</c>).</summary>
    public string UserName { get; init; } = "";

    /// <summary>The user ID (<c>uid</c>); never 0 in a valid configuration.</summary>
    public uint Uid { get; init; }

    /// <summary>
    /// The primary group ID (<c>gid</c>); <see langword="null"/> means the same as <see cref="Uid"/>.
    /// </summary>
    public uint? Gid { get; init; }

    /// <summary>The login shell (<c>shell</c>); empty means <c>/bin/sh</c>.</summary>
    public string Shell { get; init; } = "";

    /// <summary>The home directory (<c>homedir</c>); empty means <c>/home/&lt;username&gt;</c>.</summary>
    public string HomeDir { get; init; } = "";
}
