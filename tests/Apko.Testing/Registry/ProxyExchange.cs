using System.Net;
using System.Text;

namespace Apko.Testing.Registry;

/// <summary>One request that a <see cref="RegistryProxy"/> received, with helpers to answer or forward it.</summary>
public sealed class ProxyExchange
{
    private static readonly HashSet<string> s_hopHeaders = new(
        ["Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Host", "Expect", "Proxy-Connection"],
        StringComparer.OrdinalIgnoreCase);

    private readonly HttpListenerContext _context;
    private readonly RegistryProxy _proxy;

    internal ProxyExchange(HttpListenerContext context, byte[] body, RegistryProxy proxy)
    {
        _context = context;
        _proxy = proxy;
        Body = body;
    }

    /// <summary>HTTP method, such as <c>PUT</c>.</summary>
    public string Method => _context.Request.HttpMethod;

    /// <summary>Path without the query, such as <c>/v2/app/manifests/latest</c>.</summary>
    public string Path => _context.Request.Url!.AbsolutePath;

    /// <summary>The query string with its leading <c>?</c>, or an empty string.</summary>
    public string Query => _context.Request.Url!.Query;

    /// <summary>The request body.</summary>
    public byte[] Body { get; }

    /// <summary>Returns a request header, or null.</summary>
    public string? Header(string name) => _context.Request.Headers[name];

    /// <summary>Sends the request to the upstream registry and returns its response, without redirects.</summary>
    public async Task<HttpResponseMessage> ForwardAsync()
    {
        var upstream = _proxy.Upstream ?? throw new InvalidOperationException("The proxy has no upstream registry.");
        var request = new HttpRequestMessage(
            new HttpMethod(Method), new Uri($"http://{upstream}{_context.Request.Url!.PathAndQuery}"));
        if (Body.Length > 0 || Method is "PUT" or "POST" or "PATCH")
        {
            request.Content = new ByteArrayContent(Body);
        }

        foreach (var name in _context.Request.Headers.AllKeys.OfType<string>())
        {
            if (s_hopHeaders.Contains(name))
            {
                continue;
            }

            var value = _context.Request.Headers[name]!;
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        // The registry builds upload locations from the Host header, so they point back at the proxy.
        request.Headers.Host = _proxy.Host;
        return await _proxy.UpstreamClient.SendAsync(request);
    }

    /// <summary>Writes an upstream response to the client, after <paramref name="adjust"/> may add headers.</summary>
    public async Task RespondAsync(HttpResponseMessage upstream, Action<HttpListenerResponse>? adjust = null)
    {
        var response = _context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        var headers = upstream.Headers.Concat(upstream.Content.Headers);
        foreach (var (name, values) in headers)
        {
            if (!s_hopHeaders.Contains(name))
            {
                response.Headers[name] = string.Join(", ", values);
            }
        }

        adjust?.Invoke(response);
        var body = await upstream.Content.ReadAsByteArrayAsync();
        await WriteBodyAsync(body, upstream.Content.Headers.ContentLength);
    }

    /// <summary>Writes a response with a status, optional headers and an optional body.</summary>
    public async Task RespondAsync(int status, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = _context.Response;
        response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        await WriteBodyAsync(bytes, bytes.Length);
    }

    /// <summary>Answers with a distribution-style JSON error body.</summary>
    public Task RespondErrorAsync(int status, string code, string message, IReadOnlyDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
        {
            ["Content-Type"] = "application/json",
        };
        var body = $$"""{"errors":[{"code":"{{code}}","message":"{{message}}","detail":null}]}""";
        return RespondAsync(status, body, all);
    }

    /// <summary>Drops the connection without a response, as a crashed server or network fault would.</summary>
    public void Abort() => _context.Response.Abort();

    private async Task WriteBodyAsync(byte[] body, long? declaredLength)
    {
        var response = _context.Response;
        if (Method == "HEAD")
        {
            response.ContentLength64 = declaredLength ?? 0;
            response.Close();
            return;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
