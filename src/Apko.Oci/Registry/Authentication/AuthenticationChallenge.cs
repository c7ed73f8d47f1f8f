using System.Net.Http.Headers;

namespace Apko.Oci.Registry.Authentication;

/// <summary>
/// A parsed <c>WWW-Authenticate</c> challenge, such as
/// <c>Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull"</c>.
/// </summary>
/// <param name="Scheme">Authentication scheme, such as <c>Basic</c> or <c>Bearer</c>.</param>
/// <param name="Parameters">Parameters by lower-case name, with quotes and escapes removed.</param>
internal sealed record AuthenticationChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>
    /// Returns the first challenge of a response, preferring Bearer over Basic; null when there is none.
    /// </summary>
    public static AuthenticationChallenge? FromResponse(HttpResponseMessage response)
    {
        var challenges = response.Headers.WwwAuthenticate.Select(FromHeader).ToList();
        return challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault();
    }

    public static AuthenticationChallenge FromHeader(AuthenticationHeaderValue header) =>
        new(header.Scheme, ParseParameters(header.Parameter ?? ""));

    // RFC 7235 section 2.1: auth-param = token "=" ( token / quoted-string ), separated by commas. A quoted
    // string may contain commas, as in scope="repository:app:pull,push".
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                break;
            }

            var name = text[position..equals].Trim(' ', ',', '\t');
            var (value, next) = ReadValue(text, equals + 1);
            parameters[name.ToLowerInvariant()] = value;
            position = next;
        }

        return parameters;
    }

    private static (string Value, int Next) ReadValue(string text, int start)
    {
        while (start < text.Length && text[start] is ' ' or '\t')
        {
            start++;
        }

        if (start >= text.Length || text[start] != '"')
        {
            var comma = text.IndexOf(',', start);
            var end = comma < 0 ? text.Length : comma;
            return (text[start..end].Trim(), end + 1);
        }

        var value = new System.Text.StringBuilder();
        var position = start + 1;
        while (position < text.Length && text[position] != '"')
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }

            value.Append(text[position]);
            position++;
        }

        return (value.ToString(), position + 1);
    }
}
