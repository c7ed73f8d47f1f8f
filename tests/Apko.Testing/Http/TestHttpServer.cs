using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Apko.Testing.Http;

/// <summary>
/// A small HTTP/1.1 file server on 127.0.0.1 with an ephemeral port, for tests of repository fetching. It serves
/// directories read-only under URL prefixes, can require Basic authentication per prefix, sends strong ETags and
/// responds to a matching <c>If-None-Match</c> with 304, records every request, and sends injected faults once each.
/// Every response closes its connection.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly Lock _lock = new();
    private readonly List<Mount> _mounts = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<string, Queue<HttpFault>> _faults = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;

    private TestHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The server's root URL, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>When false, responses carry no ETag and conditional requests are ignored.</summary>
    public bool SendETags { get; set; } = true;

    /// <summary>A delay before each response, so that parallel requests overlap.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The largest number of requests waiting for their response at the same time since the last
    /// <see cref="Reset"/>. A request counts from its arrival until its response starts.
    /// </summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server with nothing mounted.</summary>
    public static TestHttpServer Start() => new();

    /// <summary>Returns the absolute URL of a path on this server, such as <c>/alpine/x86_64</c>.</summary>
    public string Url(string path) => new Uri(BaseUri, path.TrimStart('/')).AbsoluteUri.TrimEnd('/');

    /// <summary>
    /// Serves the files of a directory under a URL prefix such as <c>/alpine</c>. With a user and password,
    /// requests without matching Basic credentials get 401.
    /// </summary>
    public void Serve(string prefix, string directory, string? user = null, string? password = null)
    {
        var expected = user is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        lock (_lock)
        {
            _mounts.Add(new Mount("/" + prefix.Trim('/'), Path.GetFullPath(directory), expected));
        }
    }

    /// <summary>Queues faults for a request path. Each request to it gets the next fault instead of the file.</summary>
    public void InjectFaults(string path, params HttpFault[] faults)
    {
        lock (_lock)
        {
            if (!_faults.TryGetValue(path, out var queue))
            {
                _faults[path] = queue = new Queue<HttpFault>();
            }

            foreach (var fault in faults)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Returns how many requests for a path arrived.</summary>
    public int CountRequests(string path) => Requests.Count(r => r.Path == path);

    /// <summary>
    /// Forgets recorded requests, pending faults and the concurrency count, turns ETags back on and removes the
    /// response delay.
    /// </summary>
    public void Reset()
    {
        lock (_lock)
        {
            _requests.Clear();
            _faults.Clear();
        }

        Volatile.Write(ref _maxInFlight, 0);
        SendETags = true;
        ResponseDelay = TimeSpan.Zero;
    }

    /// <summary>Stops listening and waits for the accept loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleConnectionAsync(client));
        }
    }

    private async Task HandleConnectionAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestHeadAsync(stream);
                if (request is not null)
                {
                    await RespondWithCountAsync(client, stream, request);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The client closed the connection, so there is no one to respond to.
            }
        }
    }

    private static async Task<RequestHead?> ReadRequestHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return RequestHead.Parse(text[..end]);
            }
        }

        return null;
    }

    private async Task RespondWithCountAsync(TcpClient client, NetworkStream stream, RequestHead request)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        lock (_lock)
        {
            _maxInFlight = Math.Max(_maxInFlight, inFlight);
        }

        try
        {
            await Task.Delay(ResponseDelay, _stopping.Token);
        }
        finally
        {
            // Counted before the response is written, so a client that has already read it cannot start its next
            // request while this one still counts.
            Interlocked.Decrement(ref _inFlight);
        }

        await RespondAsync(client, stream, request);
    }

    private async Task RespondAsync(TcpClient client, NetworkStream stream, RequestHead request)
    {
        var fault = TakeFault(request.Path);
        if (fault is not null && fault.Kind == HttpFaultKind.ResetConnection)
        {
            Record(request, 0);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray());
            await stream.FlushAsync();
            Reset(client);
            return;
        }

        if (fault is not null && fault.Kind == HttpFaultKind.Status)
        {
            string[] retryAfter = fault.RetryAfterSeconds is { } seconds ? [$"Retry-After: {seconds}"] : [];
            await SendTextAsync(stream, request, fault.StatusCode, $"injected fault {fault.StatusCode}\n", retryAfter);
            return;
        }

        var mount = FindMount(request.Path);
        if (mount?.ExpectedAuthorization is { } expected && request.Header("Authorization") != $"Basic {expected}")
        {
            const string challenge = "WWW-Authenticate: Basic realm=\"test\"";
            await SendTextAsync(stream, request, 401, "authentication required\n", challenge);
            return;
        }

        var file = mount?.Resolve(request.Path);
        if (file is null || (request.Method != "GET" && request.Method != "HEAD"))
        {
            await SendTextAsync(stream, request, file is null ? 404 : 405, "not found\n");
            return;
        }

        await SendFileAsync(client, stream, request, file, fault?.Kind);
    }

    private async Task SendFileAsync(
        TcpClient client, NetworkStream stream, RequestHead request, string file, HttpFaultKind? fault)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        if (SendETags && request.Header("If-None-Match") == etag)
        {
            Record(request, 304);
            await WriteHeadAsync(stream, 304, $"ETag: {etag}", "Content-Length: 0");
            return;
        }

        var partial = fault is HttpFaultKind.TruncateBody or HttpFaultKind.StallBody;
        Record(request, partial ? 0 : 200);
        var headers = new List<string> { $"Content-Length: {bytes.Length}", "Content-Type: application/octet-stream" };
        if (SendETags)
        {
            headers.Add($"ETag: {etag}");
        }

        await WriteHeadAsync(stream, 200, [.. headers]);
        if (request.Method == "GET")
        {
            await stream.WriteAsync(partial ? bytes.AsMemory(0, bytes.Length / 2) : bytes);
        }

        if (fault == HttpFaultKind.StallBody)
        {
            await stream.FlushAsync();
            await WaitForCloseAsync(stream);
        }

        if (fault == HttpFaultKind.TruncateBody)
        {
            await stream.FlushAsync();
            Reset(client);
        }
    }

    private async Task SendTextAsync(
        NetworkStream stream, RequestHead request, int status, string body, params string[] extraHeaders)
    {
        Record(request, status);
        var bytes = Encoding.UTF8.GetBytes(body);
        string[] headers = [$"Content-Length: {bytes.Length}", "Content-Type: text/plain", .. extraHeaders];
        await WriteHeadAsync(stream, status, headers);
        if (request.Method == "GET")
        {
            await stream.WriteAsync(bytes);
        }
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, params string[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {ReasonPhrase(status)}\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()));
    }

    private async Task WaitForCloseAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            while (await stream.ReadAsync(new byte[1], timeout.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Reset(TcpClient client)
    {
        client.LingerState = new LingerOption(true, 0);
        client.Close();
    }

    private HttpFault? TakeFault(string path)
    {
        lock (_lock)
        {
            return _faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private Mount? FindMount(string path)
    {
        lock (_lock)
        {
            return _mounts
                .Where(m => path.StartsWith(m.Prefix + "/", StringComparison.Ordinal))
                .MaxBy(m => m.Prefix.Length);
        }
    }

    private void Record(RequestHead request, int status)
    {
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request.Method, request.Path, request.Headers, status));
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        304 => "Not Modified",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private sealed record Mount(string Prefix, string Directory, string? ExpectedAuthorization)
    {
        public string? Resolve(string path)
        {
            var relative = path[(Prefix.Length + 1)..];
            var full = Path.GetFullPath(Path.Combine(Directory, relative));
            var inside = full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            return inside && File.Exists(full) ? full : null;
        }
    }
}
