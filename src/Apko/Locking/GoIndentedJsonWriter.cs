using System.Text;
using Apko.Sbom;

namespace Apko.Locking;

/// <summary>
/// Writes JSON as Go's <c>json.MarshalIndent(value, "", "  ")</c> does: each member and element on its own line,
/// two spaces per level, <c>": "</c> after names, <c>{}</c> and <c>[]</c> for empty containers, and strings quoted
/// with HTML escaping as <see cref="GoJsonString"/> does.
/// </summary>
internal sealed class GoIndentedJsonWriter
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
        NewItem();
        _text.Append(GoJsonString.Quote(name)).Append(": ");
        _afterName = true;
    }

    public void String(string value)
    {
        BeginValue();
        _text.Append(GoJsonString.Quote(value));
    }

    public void Property(string name, string value)
    {
        Name(name);
        String(value);
    }

    /// <summary>Returns the UTF-8 bytes written followed by one newline, as apko saves its lock files.</summary>
    public byte[] ToBytesWithNewline() => Encoding.UTF8.GetBytes(_text.Append('\n').ToString());

    private void Start(char bracket)
    {
        BeginValue();
        _text.Append(bracket);
        _hasItems.Push(false);
    }

    private void End(char bracket)
    {
        if (_hasItems.Pop())
        {
            NewLine();
        }

        _text.Append(bracket);
    }

    private void BeginValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count > 0)
        {
            NewItem();
        }
    }

    private void NewItem()
    {
        if (_hasItems.Pop())
        {
            _text.Append(',');
        }

        _hasItems.Push(true);
        NewLine();
    }

    private void NewLine() => _text.Append('\n').Append(' ', 2 * _hasItems.Count);
}
