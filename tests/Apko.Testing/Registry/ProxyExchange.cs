using System.Net.Sockets;
using System.Text;

namespace Apko.Testing.Registry;

/// <summary>
/// One request that a <see cref="RegistryProxy"/> received, with helpers to respond to it or forward it.
/// </summary>
public sealed class ProxyExchange
{
    private static readonly HashSet<string> s_hopHeaders = new(
        ["Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Host", "Expect", "Proxy-Connection"],
        StringComparer.OrdinalIgnoreCase);

    private readonly LoopbackHttpRequest _request;
    private readonly Socket _socket;
    private readonly RegistryProxy _proxy;

    internal ProxyExchange(LoopbackHttpRequest request, Socket socket, RegistryProxy proxy)
    {
        _request = request;
        _socket = socket;
        _proxy = proxy;
        var query = request.Target.IndexOf('?', StringComparison.Ordinal);
        Path = query < 0 ? request.Target : request.Target[..query];
        Query = query < 0 ? "" : request.Target[query..];
    }

    /// <summary>HTTP method, such as <c>PUT</c>.</summary>
    public string Method => _request.Method;

    /// <summary>Path without the query, such as <c>/v2/app/manifests/latest</c>.</summary>
    public string Path { get; }

    /// <summary>The query string with its leading <c>?</c>, or an empty string.</summary>
    public string Query { get; }

    /// <summary>The request body.</summary>
    public byte[] Body => _request.Body;

    /// <summary>True once a response was written or the connection dropped.</summary>
    internal bool Completed { get; private set; }

    /// <summary>True when the connection was dropped and must not be used again.</summary>
    internal bool Aborted { get; private set; }

    /// <summary>Returns a request header, or null.</summary>
    public string? Header(string name) => _request.Header(name);

    /// <summary>Sends the request to the upstream registry and returns its response, without redirects.</summary>
    public async Task<HttpResponseMessage> ForwardAsync()
    {
        var upstream = _proxy.Upstream ?? throw new InvalidOperationException("The proxy has no upstream registry.");
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri($"http://{upstream}{_request.Target}"));
        if (Body.Length > 0 || Method is "PUT" or "POST" or "PATCH")
        {
            request.Content = new ByteArrayContent(Body);
        }

        foreach (var (name, value) in _request.Headers)
        {
            if (!s_hopHeaders.Contains(name) && !request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        // The registry builds upload locations from the Host header, so they point back at the proxy.
        request.Headers.Host = _proxy.Host;
        return await _proxy.UpstreamClient.SendAsync(request);
    }

    /// <summary>
    /// Writes an upstream response to the client, after <paramref name="adjust"/> may change headers.
    /// </summary>
    public async Task RespondAsync(HttpResponseMessage upstream, Action<IDictionary<string, string>>? adjust = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!s_hopHeaders.Contains(name))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        adjust?.Invoke(headers);
        var body = await upstream.Content.ReadAsByteArrayAsync();
        await WriteAsync((int)upstream.StatusCode, headers, body, upstream.Content.Headers.ContentLength);
    }

    /// <summary>Writes a response with a status, optional headers and an optional body.</summary>
    public Task RespondAsync(int status, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        var all = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(),
            StringComparer.OrdinalIgnoreCase);
        return WriteAsync(status, all, bytes, bytes.Length);
    }

    /// <summary>Answers with a distribution-style JSON error body.</summary>
    public Task RespondErrorAsync(
        int status,
        string code,
        string message,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
        {
            ["Content-Type"] = "application/json",
        };
        var body = $$"""{"errors":[{"code":"{{code}}","message":"{{message}}","detail":null}]}""";
        return RespondAsync(status, body, all);
    }

    /// <summary>
    /// Resets the connection (TCP RST) without a response, as a crashed server or network fault would.
    /// </summary>
    public void Abort()
    {
        Completed = true;
        Aborted = true;
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    private async Task WriteAsync(int status, Dictionary<string, string> headers, byte[] body, long? declaredLength)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} Status{status}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        // A HEAD response declares the length of the body a GET would return, and has none.
        var isHead = Method == "HEAD";
        head.Append("Content-Length: ").Append(isHead ? declaredLength ?? 0 : body.Length).Append("\r\n\r\n");
        Completed = true;
        await using var stream = new NetworkStream(_socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()));
        if (!isHead)
        {
            await stream.WriteAsync(body);
        }
    }
}
