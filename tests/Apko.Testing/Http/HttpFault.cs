namespace Apko.Testing.Http;

/// <summary>A failure the <see cref="TestHttpServer"/> sends once in place of a normal response.</summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="StatusCode">The status sent when <paramref name="Kind"/> is <see cref="HttpFaultKind.Status"/>.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header sent with the status, or null for none.</param>
public sealed record HttpFault(HttpFaultKind Kind, int StatusCode = 0, int? RetryAfterSeconds = null)
{
    /// <summary>A response with this status, a short text body and optionally a <c>Retry-After</c> header.</summary>
    public static HttpFault Status(int statusCode, int? retryAfterSeconds = null) =>
        new(HttpFaultKind.Status, statusCode, retryAfterSeconds);

    /// <summary>
    /// The status line is sent, then the connection is reset (TCP RST). A reset before any response byte would be
    /// retried by .NET's <c>SocketsHttpHandler</c> itself, so the client would never see it.
    /// </summary>
    public static HttpFault ResetConnection { get; } = new(HttpFaultKind.ResetConnection);

    /// <summary>The headers and half of the body are sent, then nothing more until the client disconnects.</summary>
    public static HttpFault StallBody { get; } = new(HttpFaultKind.StallBody);

    /// <summary>The headers and half of the body are sent, then the connection is reset.</summary>
    public static HttpFault TruncateBody { get; } = new(HttpFaultKind.TruncateBody);
}

/// <summary>The kinds of <see cref="HttpFault"/>.</summary>
public enum HttpFaultKind
{
    /// <summary>Send a status code instead of the file.</summary>
    Status,

    /// <summary>Reset the connection after the status line.</summary>
    ResetConnection,

    /// <summary>Send part of the body, then reset the connection.</summary>
    TruncateBody,

    /// <summary>Send part of the body, then stop sending.</summary>
    StallBody,
}
