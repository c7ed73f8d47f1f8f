using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>A group of <c>accounts.groups</c>.</summary>
public sealed record Group
{
    /// <summary>The group name (<c>groupname</c>).</summary>
    public string GroupName { get; init; } = "";

    /// <summary>The group ID (<c>gid</c>).</summary>
    public uint Gid { get; init; }

    /// <summary>The user names that belong to the group (<c>members</c>).</summary>
    public ImmutableArray<string> Members { get; init; } = [];
}
