namespace Apko.Apk.Repositories;

/// <summary>
/// Progress of one download: reported when it starts, as bytes arrive and when it ends.
/// </summary>
/// <param name="Url">The URL, with user information redacted.</param>
/// <param name="BytesTransferred">Bytes received so far in this attempt.</param>
/// <param name="TotalBytes">The <c>Content-Length</c> of the response, or null when the server sent none.</param>
/// <param name="Completed">True on the last report of a successful download.</param>
public sealed record RepositoryDownloadProgress(string Url, long BytesTransferred, long? TotalBytes, bool Completed);
