using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>
/// An image reference such as <c>registry/repo:tag</c> or <c>registry/repo@sha256:…</c>, parsed with the
/// defaults that Docker applies: no registry means <c>docker.io</c>, and a one-part name there means
/// <c>library/name</c>.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>The registry that a reference without a registry part refers to.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The tag that a reference with neither tag nor digest refers to.</summary>
    public const string DefaultTag = "latest";

    private const int MaxNameLength = 255;

    /// <summary>Creates a reference from its parts; use <see cref="Parse"/> for text.</summary>
    public ImageReference(RegistryRepository repository, string? tag, Digest? digest)
    {
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Registry and repository.</summary>
    public RegistryRepository Repository { get; }

    /// <summary>Tag; null when the reference names only a digest.</summary>
    public string? Tag { get; }

    /// <summary>Digest; null when the reference names only a tag.</summary>
    public Digest? Digest { get; }

    /// <summary>The manifest reference to request: the digest when there is one, otherwise the tag.</summary>
    public string Identifier => Digest?.ToString() ?? Tag ?? DefaultTag;

    /// <summary>Parses a reference, applying the Docker defaults.</summary>
    /// <exception cref="OciException">The text is not a valid image reference (APKO5001).</exception>
    public static ImageReference Parse(string text)
    {
        if (!TryParse(text, out var reference, out var problem))
        {
            throw new OciException(RegistryErrors.InvalidReferenceCode, RegistryErrors.InvalidReference(text, problem));
        }

        return reference;
    }

    /// <summary>Parses a reference without throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference) =>
        TryParse(text, out reference, out _);

    /// <summary>Returns a reference to the same repository with the given digest and no tag.</summary>
    public ImageReference WithDigest(Digest digest) => new(Repository, null, digest);

    /// <summary>Returns a reference to the same repository with the given tag and no digest.</summary>
    public ImageReference WithTag(string tag) => new(Repository, tag, null);

    /// <summary>Returns <c>registry/name[:tag][@digest]</c>.</summary>
    public override string ToString()
    {
        var text = Repository.ToString();
        if (Tag is not null)
        {
            text += ":" + Tag;
        }

        return Digest is null ? text : text + "@" + Digest;
    }

    private static bool TryParse(
        string? text,
        [NotNullWhen(true)] out ImageReference? reference,
        out string problem)
    {
        reference = null;
        problem = "";
        if (string.IsNullOrEmpty(text))
        {
            problem = "it is empty";
            return false;
        }

        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Model.Digest.TryParse(rest[(at + 1)..], out var parsed))
            {
                problem = $"'{rest[(at + 1)..]}' is not a sha256 digest with 64 lower-case hex digits";
                return false;
            }

            digest = parsed;
            rest = rest[..at];
        }

        if (!TrySplitTag(rest, out var name, out var tag, out problem) ||
            !TrySplitRegistry(name, out var registry, out var path, out problem))
        {
            return false;
        }

        tag ??= digest is null ? DefaultTag : null;
        reference = new ImageReference(new RegistryRepository(registry, path), tag, digest);
        return true;
    }

    private static bool TrySplitTag(string text, out string name, out string? tag, out string problem)
    {
        name = text;
        tag = null;
        problem = "";
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text.IndexOf('/', colon) >= 0)
        {
            return true;
        }

        tag = text[(colon + 1)..];
        name = text[..colon];
        if (!TagPattern().IsMatch(tag))
        {
            problem = $"the tag '{tag}' is invalid: use at most 128 letters, digits, '_', '.' or '-', " +
                "not starting with '.' or '-'";
            return false;
        }

        return true;
    }

    private static bool TrySplitRegistry(string name, out string registry, out string path, out string problem)
    {
        problem = "";
        registry = DockerHub;
        path = name;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IsRegistryPart(name[..slash]))
        {
            registry = name[..slash];
            path = name[(slash + 1)..];
            if (!RegistryPattern().IsMatch(registry))
            {
                problem = $"the registry '{registry}' is not a valid host name with an optional port";
                return false;
            }
        }

        if (registry is DockerHub or "index.docker.io")
        {
            registry = DockerHub;
            path = path.Contains('/', StringComparison.Ordinal) ? path : "library/" + path;
        }

        if (!NamePattern().IsMatch(path) || path.Length > MaxNameLength)
        {
            problem = $"the repository name '{path}' is invalid: use lower-case path components of letters, " +
                "digits and single separators '.', '_', '__' or '-', joined by '/', at most 255 characters";
            return false;
        }

        return true;
    }

    // As in Docker's reference grammar, the first component names a registry when it contains '.' or ':',
    // or is "localhost"; otherwise it is part of a Docker Hub repository name.
    private static bool IsRegistryPart(string part) =>
        part.Contains('.', StringComparison.Ordinal) || part.Contains(':', StringComparison.Ordinal) ||
        part == "localhost" || part.StartsWith('[');

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex NamePattern();

    // Dot-separated DNS labels, or an IPv6 address in brackets, then an optional port.
    [GeneratedRegex(
        @"^(?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])" +
        @"(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex RegistryPattern();
}
