using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>The <c>accounts</c> section: users and groups to add and the user the image runs as.</summary>
public sealed record ImageAccounts
{
    /// <summary>No accounts.</summary>
    public static ImageAccounts Empty { get; } = new();

    /// <summary>The OCI <c>User</c>: a user name, a UID or <c>uid:gid</c> (<c>run-as</c>); empty when unset.</summary>
    public string RunAs { get; init; } = "";

    /// <summary>Users appended to <c>/etc/passwd</c> (<c>users</c>).</summary>
    public ImmutableArray<User> Users { get; init; } = [];

    /// <summary>Groups appended to <c>/etc/group</c> (<c>groups</c>).</summary>
    public ImmutableArray<Group> Groups { get; init; } = [];
}
