namespace Apko.Oci.Layout;

/// <summary>An image reference split into the repository and the tag that a layout is annotated with.</summary>
/// <param name="Repository">Everything before the tag, such as <c>example.com/app</c>.</param>
/// <param name="Tag">The tag; <c>latest</c> when the reference has none.</param>
internal sealed record ImageName(string Repository, string Tag)
{
    /// <summary>The full reference, <c>repository:tag</c>.</summary>
    public override string ToString() => $"{Repository}:{Tag}";

    /// <summary>Splits <c>NAME[:TAG]</c>. A colon before the last <c>/</c> belongs to a registry port.</summary>
    /// <exception cref="OciException">The reference is empty, has a digest or an invalid tag.</exception>
    public static ImageName Parse(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Any(char.IsWhiteSpace))
        {
            throw LayoutErrors.InvalidReference(reference, "it is empty or contains white space");
        }

        if (reference.Contains('@'))
        {
            throw LayoutErrors.InvalidReference(reference, "a digest cannot name a layout's image");
        }

        var colon = reference.LastIndexOf(':');
        if (colon < 0 || colon < reference.LastIndexOf('/'))
        {
            return new ImageName(reference, "latest");
        }

        var tag = reference[(colon + 1)..];
        if (colon == 0 || !IsValidTag(tag))
        {
            throw LayoutErrors.InvalidReference(reference, $"'{tag}' is not a valid tag");
        }

        return new ImageName(reference[..colon], tag);
    }

    /// <summary>Checks the tag grammar of the distribution specification: <c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>.
    /// </summary>
    private static bool IsValidTag(string tag) =>
        tag.Length is > 0 and <= 128
        && (char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_')
        && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
