namespace Apko.Apk.Repositories;

/// <summary>
/// A failed attempt worth repeating: a 5xx, 408 or 429 status, a timeout or a dropped connection. It never leaves
/// <see cref="HttpDownloader"/>, which turns the last one into an <see cref="ApkException"/>.
/// </summary>
internal sealed class TransientDownloadException : Exception
{
    public TransientDownloadException(int statusCode, string reason, TimeSpan? retryAfter)
        : base($"{statusCode} {reason}")
    {
        StatusCode = statusCode;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    public TransientDownloadException(Exception inner)
        : base(inner.Message, inner)
    {
        Reason = inner.Message;
    }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>The delay the server asked for in a <c>Retry-After</c> header, or null.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The reason phrase or the transport error's message.</summary>
    public string Reason { get; }
}
