using System.Net.Http.Headers;

namespace Apko.Apk.Repositories;

/// <summary>A remote file to fetch through the cache.</summary>
/// <param name="Uri">The URL, without user information.</param>
/// <param name="Authorization">The Basic authorization header to send, or null.</param>
/// <param name="Kind">The kind of file, for messages: <c>index</c>, <c>package</c> or <c>key</c>.</param>
/// <param name="FileName">The file name the cached copy gets, such as <c>APKINDEX.tar.gz</c>.</param>
/// <param name="MaxSize">Maximum body size in bytes.</param>
/// <param name="NotFoundHint">The sentence a 404 error ends with.</param>
internal sealed record RemoteFile(
    Uri Uri,
    AuthenticationHeaderValue? Authorization,
    string Kind,
    string FileName,
    long MaxSize,
    string NotFoundHint)
{
    public DownloadRequest ToDownloadRequest(string targetDirectory, CacheEntryMetadata? validators) =>
        new(Uri, Authorization, Kind, targetDirectory, MaxSize, NotFoundHint, validators);
}
