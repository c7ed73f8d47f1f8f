using System.Text;

namespace Apko.Apk.Indexes;

/// <summary>
/// Interns strings decoded from UTF-8, so the values an index repeats thousands of times (architectures, licences,
/// maintainers, dependency atoms such as <c>so:libc.musl-x86_64.so.1</c>) are allocated once per read.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _chars = new char[512];

    public StringPool()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        if (_chars.Length < utf8.Length)
        {
            _chars = new char[utf8.Length * 2];
        }

        var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
        if (_lookup.TryGetValue(chars, out var value))
        {
            return value;
        }

        value = new string(chars);
        _strings.Add(value, value);
        return value;
    }
}
