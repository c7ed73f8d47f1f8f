using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>The <c>contents</c> section: repositories, keys and the packages of the world.</summary>
public sealed record ImageContents
{
    /// <summary>Empty contents.</summary>
    public static ImageContents Empty { get; } = new();

    /// <summary>Repositories used only at build time (<c>build_repositories</c>).</summary>
    public ImmutableArray<string> BuildRepositories { get; init; } = [];

    /// <summary>
    /// Repositories written only into the image's <c>/etc/apk/repositories</c> (<c>runtime_repositories</c>).
    /// </summary>
    public ImmutableArray<string> RuntimeRepositories { get; init; } = [];

    /// <summary>Repositories used at build time and written into the image (<c>repositories</c>).</summary>
    public ImmutableArray<string> Repositories { get; init; } = [];

    /// <summary>Public key files or URLs that verify the repositories (<c>keyring</c>).</summary>
    public ImmutableArray<string> Keyring { get; init; } = [];

    /// <summary>Inline public keys installed into the image after the build (<c>runtime_keyring</c>).</summary>
    public ImmutableArray<RuntimeKeyringEntry> RuntimeKeyring { get; init; } = [];

    /// <summary>
    /// The world: package constraints such as <c>busybox</c> or <c>curl=8.9.0-r0</c> (<c>packages</c>).
    /// </summary>
    public ImmutableArray<string> Packages { get; init; } = [];

    /// <summary>The image to build on top of (<c>baseimage</c>); <see langword="null"/> when absent.</summary>
    public BaseImageDescriptor? BaseImage { get; init; }
}
