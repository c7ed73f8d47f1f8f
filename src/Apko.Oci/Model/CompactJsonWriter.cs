using System.Globalization;
using System.Text;

namespace Apko.Oci.Model;

/// <summary>
/// Writes compact JSON (no whitespace) with the string escaping of Go's <c>encoding/json</c>, which produced the
/// digests of apko's images: <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as <c>\uXXXX</c>, control
/// characters as <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c> or lower-case <c>\u00XX</c>, and every other
/// character as raw UTF-8. Commas are inserted automatically.
/// </summary>
internal sealed class CompactJsonWriter
{
    private readonly StringBuilder _text = new();
    private bool _needsComma;

    public void StartObject() => Open('{');

    public void EndObject() => Close('}');

    public void StartArray() => Open('[');

    public void EndArray() => Close(']');

    public void WritePropertyName(string name)
    {
        WriteComma();
        AppendString(name);
        _text.Append(':');
        _needsComma = false;
    }

    public void WriteString(string value)
    {
        WriteComma();
        AppendString(value);
        _needsComma = true;
    }

    public void WriteString(string name, string value)
    {
        WritePropertyName(name);
        WriteString(value);
    }

    public void WriteNumber(string name, long value)
    {
        WritePropertyName(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        _needsComma = true;
    }

    public void WriteBoolean(string name, bool value)
    {
        WritePropertyName(name);
        _text.Append(value ? "true" : "false");
        _needsComma = true;
    }

    public void WriteStringArray(string name, IEnumerable<string> values)
    {
        WritePropertyName(name);
        StartArray();
        foreach (var value in values)
        {
            WriteString(value);
        }

        EndArray();
    }

    /// <summary>Writes a map of strings with its keys in ordinal order, as Go sorts map keys.</summary>
    public void WriteStringMap(string name, IReadOnlyDictionary<string, string> values)
    {
        WritePropertyName(name);
        StartObject();
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            WriteString(key, values[key]);
        }

        EndObject();
    }

    /// <summary>Writes a set as an object whose members are empty objects, in ordinal key order.</summary>
    public void WriteEmptyObjectMap(string name, IEnumerable<string> keys)
    {
        WritePropertyName(name);
        StartObject();
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            WritePropertyName(key);
            StartObject();
            EndObject();
        }

        EndObject();
    }

    public byte[] ToUtf8Bytes() => Encoding.UTF8.GetBytes(_text.ToString());

    private void Open(char bracket)
    {
        WriteComma();
        _text.Append(bracket);
        _needsComma = false;
    }

    private void Close(char bracket)
    {
        _text.Append(bracket);
        _needsComma = true;
    }

    private void WriteComma()
    {
        if (_needsComma)
        {
            _text.Append(',');
        }
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                AppendSurrogate(value, ref i);
                continue;
            }

            _text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        _text.Append('"');
    }

    /// <summary>Appends a surrogate pair as is, and a lone surrogate (invalid UTF-16) as U+FFFD, as Go replaces
    /// invalid UTF-8.</summary>
    private void AppendSurrogate(string value, ref int i)
    {
        if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            _text.Append(value, i, 2);
            i++;
            return;
        }

        _text.Append("\\ufffd");
    }
}
