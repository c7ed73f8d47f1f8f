namespace Apko.Configuration;

/// <summary>An inline CA certificate of <c>certificates.additional</c>.</summary>
/// <param name="Name">The name used in the certificate's file name in the image.</param>
/// <param name="Content">Exactly one PEM <c>CERTIFICATE</c> block.</param>
public sealed record AdditionalCertificate(string Name, string Content);
