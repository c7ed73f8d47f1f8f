using System.Collections.Immutable;

namespace Apko.Configuration;

/// <summary>The <c>certificates</c> section: extra CA certificates for the image's trust stores.</summary>
public sealed record ImageCertificates
{
    /// <summary>Inline PEM certificates (<c>additional</c>).</summary>
    public ImmutableArray<AdditionalCertificate> Additional { get; init; } = [];

    /// <summary>Virtual package names whose providers contribute certificate files (<c>providers</c>).</summary>
    public ImmutableArray<string> Providers { get; init; } = [];
}
