namespace Apko.Testing.Registry;

/// <summary>Fault-injecting <see cref="ProxyRule"/> steps: error statuses, dropped connections and delays.</summary>
public static class ProxyRules
{
    /// <summary>
    /// Answers the first <paramref name="times"/> matching requests with a status and a JSON error body.
    /// </summary>
    public static ProxyRule Fail(
        Func<ProxyExchange, bool> match,
        int times,
        int status,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var remaining = times;
        return async exchange =>
        {
            if (!match(exchange) || Interlocked.Decrement(ref remaining) < 0)
            {
                return false;
            }

            await exchange.RespondErrorAsync(status, status == 429 ? "TOOMANYREQUESTS" : "UNAVAILABLE",
                "injected by the test proxy", headers);
            return true;
        };
    }

    /// <summary>Drops the connection of the first <paramref name="times"/> matching requests.</summary>
    public static ProxyRule Reset(Func<ProxyExchange, bool> match, int times)
    {
        var remaining = times;
        return exchange =>
        {
            if (!match(exchange) || Interlocked.Decrement(ref remaining) < 0)
            {
                return Task.FromResult(false);
            }

            exchange.Abort();
            return Task.FromResult(true);
        };
    }

    /// <summary>
    /// Delays the first <paramref name="times"/> matching requests, then lets the next step handle them.
    /// </summary>
    public static ProxyRule Delay(Func<ProxyExchange, bool> match, TimeSpan delay, int times = int.MaxValue)
    {
        var remaining = times;
        return async exchange =>
        {
            if (match(exchange) && Interlocked.Decrement(ref remaining) >= 0)
            {
                await Task.Delay(delay);
            }

            return false;
        };
    }

    /// <summary>Matches every request.</summary>
    public static bool Any(ProxyExchange exchange) => true;

    /// <summary>Matches requests by method and a substring of the path.</summary>
    public static Func<ProxyExchange, bool> Request(string method, string pathPart) =>
        exchange => exchange.Method == method && exchange.Path.Contains(pathPart, StringComparison.Ordinal);
}
