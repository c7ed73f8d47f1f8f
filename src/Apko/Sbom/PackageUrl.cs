using System.Globalization;
using System.Text;

namespace Apko.Sbom;

/// <summary>Builds and reads the package URLs (purl) the SBOMs use.</summary>
internal static class PackageUrl
{
    /// <summary>Media type of an OCI image manifest, a purl qualifier of per-architecture images.</summary>
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Media type of an OCI image index.</summary>
    public const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    /// <summary>Returns <c>pkg:oci/NAME@DIGEST?QUALIFIERS</c> with qualifiers sorted by key.</summary>
    public static string Oci(string name, string digest, IReadOnlyDictionary<string, string> qualifiers) =>
        $"pkg:oci/{EscapeSegment(name)}@{EscapeSegment(digest)}{Qualifiers(qualifiers)}";

    /// <summary>Returns <c>pkg:apk/NAMESPACE/NAME@VERSION?arch=ARCH</c>; no qualifier when the arch is empty.</summary>
    public static string Apk(string ns, string name, string version, string arch)
    {
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arch.Length > 0)
        {
            qualifiers["arch"] = arch;
        }

        return $"pkg:apk/{EscapeSegment(ns)}/{EscapeSegment(name)}@{EscapeSegment(version)}{Qualifiers(qualifiers)}";
    }

    /// <summary>Returns <c>pkg:github/ORG/REPO@VERSION</c>.</summary>
    public static string GitHub(string org, string repository, string version)
    {
        var purl = $"pkg:github/{EscapeSegment(org)}/{EscapeSegment(repository)}";
        return version.Length > 0 ? $"{purl}@{EscapeSegment(version)}" : purl;
    }

    /// <summary>
    /// Returns the last path segment of an image reference's repository (<c>golden</c> for <c>golden:latest</c>
    /// or <c>registry:5000/org/golden@sha256:…</c>), or <c>image</c> when there is no reference.
    /// </summary>
    public static string ImageName(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return "image";
        }

        var repository = reference.Split('@')[0];
        var lastSlash = repository.LastIndexOf('/');
        var lastColon = repository.LastIndexOf(':');
        if (lastColon > lastSlash)
        {
            repository = repository[..lastColon];
        }

        var name = repository[(repository.LastIndexOf('/') + 1)..];
        return name.Length > 0 ? name : "image";
    }

    /// <summary>Reads the name, version and <c>arch</c> qualifier of an apk purl.</summary>
    /// <returns>False when the text is not a <c>pkg:apk/</c> purl with a version.</returns>
    public static bool TryParseApk(string purl, out string name, out string version, out string? arch)
    {
        name = version = "";
        arch = null;
        if (!purl.StartsWith("pkg:apk/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = purl["pkg:apk/".Length..].Split('#')[0];
        var query = "";
        if (rest.IndexOf('?') is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var at = rest.LastIndexOf('@');
        if (at < 0)
        {
            return false;
        }

        name = Unescape(rest[..at][(rest[..at].LastIndexOf('/') + 1)..]);
        version = Unescape(rest[(at + 1)..]);
        arch = ReadQualifier(query, "arch");
        return name.Length > 0 && version.Length > 0;
    }

    private static string? ReadQualifier(string query, string key)
    {
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return Unescape(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string Qualifiers(IReadOnlyDictionary<string, string> qualifiers)
    {
        if (qualifiers.Count == 0)
        {
            return "";
        }

        var pairs = qualifiers
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => $"{q.Key}={QueryEscape(q.Value)}");
        return "?" + string.Join('&', pairs);
    }

    // Qualifier values are escaped as Go's url.QueryEscape does, which is what apko's purls carry
    // (mediaType=application%2Fvnd.oci.image.manifest.v1%2Bjson).
    private static string QueryEscape(string value) =>
        Escape(value, c => c is '-' or '_' or '.' or '~', spaceAsPlus: true);

    private static string EscapeSegment(string value) =>
        Escape(value, c => c is '-' or '_' or '.' or '~' or '+' or ':', spaceAsPlus: false);

    private static string Escape(string value, Func<char, bool> keep, bool spaceAsPlus)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || keep(c)))
            {
                builder.Append(c);
            }
            else if (c == ' ' && spaceAsPlus)
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
