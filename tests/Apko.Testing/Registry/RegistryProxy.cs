using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Apko.Testing.Registry;

/// <summary>
/// An HTTP/1.1 proxy on 127.0.0.1 in front of a test registry (or in front of nothing), that lets
/// <see cref="ProxyRule"/> steps respond to, delay, fail or reset requests, and records every request as
/// <c>METHOD /path</c>. It runs on plain sockets so that a reset is a real TCP reset.
/// </summary>
public sealed class RegistryProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<ProxyRule> _rules;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _inFlight;
    private int _maxInFlight;

    private RegistryProxy(TcpListener listener, string? upstream, IReadOnlyList<ProxyRule> rules)
    {
        _listener = listener;
        _rules = rules;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Upstream = upstream;
        UpstreamClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The proxy host as references name it: <c>127.0.0.1:PORT</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The upstream registry host, or null when the rules respond to every request.</summary>
    public string? Upstream { get; }

    /// <summary>The largest number of requests handled at the same time so far.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Every request received so far, as <c>METHOD /path</c> without the query.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    internal HttpClient UpstreamClient { get; }

    /// <summary>Starts a proxy on a free port of 127.0.0.1.</summary>
    /// <param name="upstream">Host of the registry to forward to, such as <c>127.0.0.1:5000</c>; null for none.</param>
    /// <param name="rules">Steps tried in order before forwarding.</param>
    public static RegistryProxy Start(string? upstream, params ProxyRule[] rules)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new RegistryProxy(listener, upstream, rules);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection.
        }

        UpstreamClient.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeConnectionAsync(socket));
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new BufferedReader(stream);
            while (await LoopbackHttpRequest.ReadAsync(reader) is { } request)
            {
                var exchange = new ProxyExchange(request, socket, this);
                _requests.Enqueue($"{exchange.Method} {exchange.Path}");
                await HandleAsync(exchange);
                if (exchange.Aborted)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // The client closed or reset the connection.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task HandleAsync(ProxyExchange exchange)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        try
        {
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
        catch (HttpRequestException) when (!exchange.Completed)
        {
            // The upstream failed: drop the connection as a broken proxy would.
            exchange.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
