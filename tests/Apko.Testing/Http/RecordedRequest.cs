namespace Apko.Testing.Http;

/// <summary>A request the <see cref="TestHttpServer"/> received, with the status it returned.</summary>
/// <param name="Method">The request method, such as <c>GET</c>.</param>
/// <param name="Path">The decoded request path, without the query.</param>
/// <param name="Headers">The request headers; names compare case-insensitively.</param>
/// <param name="StatusCode">The status sent, or 0 when the connection was reset.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    int StatusCode);
