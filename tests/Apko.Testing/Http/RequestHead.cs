namespace Apko.Testing.Http;

/// <summary>The request line and headers of one HTTP/1.1 request.</summary>
internal sealed record RequestHead(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Parses the text before the blank line that ends the headers.</summary>
    public static RequestHead? Parse(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var target = requestLine[1];
        var query = target.IndexOf('?');
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        return new RequestHead(requestLine[0], path, headers);
    }

    /// <summary>Returns a header value, or null when the request has no such header.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
