using System.Globalization;
using System.Text;

namespace Apko.Configuration;

/// <summary>
/// Writes compact JSON byte for byte as Go's <c>encoding/json</c> (Go 1.22 and later) does with HTML escaping on:
/// <c>&lt; &gt; &amp;</c> and U+2028/U+2029 become <c>\u003c</c>-style escapes, <c>\b \f \n \r \t</c> use short
/// escapes, other control characters <c>\u00xx</c>, and an unpaired surrogate becomes <c>\ufffd</c>.
/// </summary>
internal sealed class GoJsonWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public void StartObject() => Start('{');

    public void EndObject() => End('}');

    public void StartArray() => Start('[');

    public void EndArray() => End(']');

    public void Name(string name)
    {
        Separate();
        WriteString(name);
        _text.Append(':');
        _afterName = true;
    }

    public void String(string value)
    {
        BeginValue();
        WriteString(value);
    }

    public void Number(long value)
    {
        BeginValue();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Boolean(bool value)
    {
        BeginValue();
        _text.Append(value ? "true" : "false");
    }

    public void Property(string name, string value)
    {
        Name(name);
        String(value);
    }

    /// <summary>Returns the UTF-8 bytes written, followed by the newline <c>json.Encoder</c> appends.</summary>
    public byte[] ToBytesWithNewline() => Encoding.UTF8.GetBytes(_text.ToString() + "\n");

    private void Start(char bracket)
    {
        BeginValue();
        _text.Append(bracket);
        _hasItems.Push(false);
    }

    private void End(char bracket)
    {
        _hasItems.Pop();
        _text.Append(bracket);
    }

    // A value right after Name() fills that property; any other value is an array item and may need a comma.
    private void BeginValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        Separate();
    }

    private void Separate()
    {
        if (_hasItems.Count == 0)
        {
            return;
        }

        if (_hasItems.Pop())
        {
            _text.Append(',');
        }

        _hasItems.Push(true);
    }

    private void WriteString(string value) => _text.Append(Apko.Sbom.GoJsonString.Quote(value));
}
