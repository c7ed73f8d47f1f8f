using System.Net.Http.Headers;

namespace Apko.Apk.Repositories;

/// <summary>One file to download into a directory of the cache.</summary>
/// <param name="Uri">The URL, without user information.</param>
/// <param name="Authorization">The Basic authorization header to send, or null.</param>
/// <param name="Kind">The kind of file, for messages: <c>index</c>, <c>package</c> or <c>key</c>.</param>
/// <param name="TargetDirectory">The directory the temporary file is written to.</param>
/// <param name="MaxSize">Maximum body size in bytes.</param>
/// <param name="NotFoundHint">The sentence a 404 error ends with.</param>
/// <param name="Validators">The cached copy's validators for a conditional request, or null.</param>
internal sealed record DownloadRequest(
    Uri Uri,
    AuthenticationHeaderValue? Authorization,
    string Kind,
    string TargetDirectory,
    long MaxSize,
    string NotFoundHint,
    CacheEntryMetadata? Validators = null)
{
    /// <summary>The URL as messages and logs show it.</summary>
    public string DisplayUrl => UrlRedactor.Redact(Uri.AbsoluteUri);
}
