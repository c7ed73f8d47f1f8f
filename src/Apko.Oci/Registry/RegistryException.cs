using System.Net;

namespace Apko.Oci.Registry;

/// <summary>
/// A failed registry request: the method, the URL without credentials, the HTTP status, and the error code and
/// message from the registry's JSON error body. The <see cref="Exception.Message"/> names all of them and a hint.
/// </summary>
public sealed class RegistryException : OciException
{
    /// <summary>Creates an exception for a failed request described by <paramref name="failure"/>.</summary>
    public RegistryException(
        string code,
        string message,
        RegistryFailure failure,
        Exception? innerException = null)
        : base(code, message, innerException)
    {
        Method = failure.Method;
        Url = failure.Url;
        StatusCode = failure.StatusCode;
        RegistryErrorCode = failure.RegistryErrorCode;
        RegistryErrorMessage = failure.RegistryErrorMessage;
    }

    /// <summary>HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>URL of the failed request, with user info and query values other than digests removed.</summary>
    public string Url { get; }

    /// <summary>HTTP status of the response; null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The first error code of the registry's JSON error body, such as <c>BLOB_UNKNOWN</c>; null when none.
    /// </summary>
    public string? RegistryErrorCode { get; }

    /// <summary>The message that goes with <see cref="RegistryErrorCode"/>; null when none.</summary>
    public string? RegistryErrorMessage { get; }

    /// <summary>True when the request was already sent as often as the retry policy allows.</summary>
    internal bool RetriesExhausted { get; init; }

    /// <summary>True when a retry may succeed: no response, 408, 429 or a 5xx status.</summary>
    internal bool IsTransient =>
        StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests ||
        (int)StatusCode >= 500;
}
