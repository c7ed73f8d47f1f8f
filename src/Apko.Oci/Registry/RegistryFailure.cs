using System.Net;

namespace Apko.Oci.Registry;

/// <summary>The facts about a failed registry request that a <see cref="RegistryException"/> carries.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">Redacted URL.</param>
/// <param name="StatusCode">HTTP status; null when no response arrived.</param>
/// <param name="RegistryErrorCode">First error code of the registry's JSON error body; null when none.</param>
/// <param name="RegistryErrorMessage">Message of that error; null when none.</param>
public sealed record RegistryFailure(
    string Method,
    string Url,
    HttpStatusCode? StatusCode,
    string? RegistryErrorCode = null,
    string? RegistryErrorMessage = null);
