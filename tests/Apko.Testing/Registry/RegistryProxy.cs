using System.Collections.Concurrent;
using System.Net;

namespace Apko.Testing.Registry;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of a test registry (or in front of nothing), that lets <see cref="ProxyRule"/>
/// steps answer, delay, fail or drop requests, and records every request as <c>METHOD /path</c>.
/// </summary>
public sealed class RegistryProxy : IAsyncDisposable
{
    private const int MaxStartAttempts = 5;

    private readonly HttpListener _listener;
    private readonly IReadOnlyList<ProxyRule> _rules;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    private RegistryProxy(HttpListener listener, int port, string? upstream, IReadOnlyList<ProxyRule> rules)
    {
        _listener = listener;
        _rules = rules;
        Port = port;
        Upstream = upstream;
        UpstreamClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The proxy host as references name it: <c>127.0.0.1:PORT</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The upstream registry host, or null when the rules answer every request.</summary>
    public string? Upstream { get; }

    /// <summary>Every request received so far, as <c>METHOD /path</c> without the query.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    internal HttpClient UpstreamClient { get; }

    /// <summary>Starts a proxy on a free port of 127.0.0.1.</summary>
    /// <param name="upstream">Host of the registry to forward to, such as <c>127.0.0.1:5000</c>; null for none.</param>
    /// <param name="rules">Steps tried in order before forwarding.</param>
    public static RegistryProxy Start(string? upstream, params ProxyRule[] rules)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.GetFree();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new RegistryProxy(listener, port, upstream, rules);
            }
            catch (HttpListenerException) when (attempt < MaxStartAttempts)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // The listener was stopped while waiting for a request.
        }

        UpstreamClient.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var exchange = new ProxyExchange(context, body.ToArray(), this);
            _requests.Enqueue($"{exchange.Method} {exchange.Path}");
            foreach (var rule in _rules)
            {
                if (await rule(exchange))
                {
                    return;
                }
            }

            using var response = await exchange.ForwardAsync();
            await exchange.RespondAsync(response);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or HttpRequestException
            or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away or the upstream failed: drop the connection as a broken proxy would.
            context.Response.Abort();
        }
    }
}
