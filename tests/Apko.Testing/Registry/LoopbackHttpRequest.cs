using System.Text;

namespace Apko.Testing.Registry;

/// <summary>An HTTP/1.1 request read from a loopback connection: request line, headers and body.</summary>
internal sealed class LoopbackHttpRequest
{
    private LoopbackHttpRequest(string method, string target, List<KeyValuePair<string, string>> headers, byte[] body)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    /// <summary>The request target: path and query.</summary>
    public string Target { get; }

    public List<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Reads the next request, or returns null when the client closed the connection.</summary>
    public static async Task<LoopbackHttpRequest?> ReadAsync(BufferedReader reader)
    {
        var requestLine = await reader.ReadLineAsync();
        if (string.IsNullOrEmpty(requestLine))
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        var request = new LoopbackHttpRequest(parts[0], parts[1], headers, []);
        var body = request.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true
            ? await ReadChunkedAsync(reader)
            : await reader.ReadExactlyAsync(int.Parse(request.Header("Content-Length") ?? "0"));
        return new LoopbackHttpRequest(parts[0], parts[1], headers, body);
    }

    private static async Task<byte[]> ReadChunkedAsync(BufferedReader reader)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = (await reader.ReadLineAsync() ?? "0").Split(';')[0];
            var size = Convert.ToInt32(sizeLine.Trim(), 16);
            if (size == 0)
            {
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                    // Trailer fields are ignored.
                }

                return body.ToArray();
            }

            body.Write(await reader.ReadExactlyAsync(size));
            await reader.ReadLineAsync();
        }
    }
}

/// <summary>Reads CRLF-terminated lines and exact byte counts from a stream, through one buffer.</summary>
internal sealed class BufferedReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public async Task<string?> ReadLineAsync()
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync())
            {
                return line.Length == 0 ? null : line.ToString();
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return line.ToString().TrimEnd('\r');
            }
        }
    }

    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        var result = new byte[count];
        var done = 0;
        while (done < count)
        {
            if (_start == _end && !await FillAsync())
            {
                throw new EndOfStreamException($"The request body ended after {done} of {count} bytes.");
            }

            var take = Math.Min(count - done, _end - _start);
            Array.Copy(_buffer, _start, result, done, take);
            _start += take;
            done += take;
        }

        return result;
    }

    private async Task<bool> FillAsync()
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer);
        return _end > 0;
    }
}
