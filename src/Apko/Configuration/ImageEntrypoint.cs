using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>The <c>entrypoint</c> section: a command, a shell fragment or an s6 service bundle.</summary>
public sealed record ImageEntrypoint
{
    /// <summary>An absent entrypoint.</summary>
    public static ImageEntrypoint Empty { get; } = new();

    /// <summary>The entrypoint type: empty, or <c>service-bundle</c> for an s6 supervision tree.</summary>
    public string Type { get; init; } = "";

    /// <summary>The command line split into the OCI <c>Entrypoint</c>.</summary>
    public string Command { get; init; } = "";

    /// <summary>A shell script run with <c>/bin/sh -c</c>; wins over <see cref="Command"/>.</summary>
    public string ShellFragment { get; init; } = "";

    /// <summary>The s6 services: service name to the command that runs it.</summary>
    public ImmutableSortedDictionary<string, string> Services { get; init; } = StringMaps.Empty;

    /// <summary>Whether no field is set, as when the section is absent.</summary>
    public bool IsEmpty => Type.Length == 0 && Command.Length == 0 && ShellFragment.Length == 0 && Services.Count == 0;
}
