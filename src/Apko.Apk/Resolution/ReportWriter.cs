using System.Text;

namespace Apko.Apk.Resolution;

/// <summary>
/// Writes report entries the way apk-tools prints them: a <c>  name:</c> header written only once the entry has
/// an item to report, then <c>    label: item item</c> groups wrapped at a fixed line width with continuation lines
/// aligned under the first item.
/// </summary>
internal sealed class ReportWriter(int lineWidth)
{
    private readonly StringBuilder _text = new();
    private string? _pendingHeader;
    private int _column;
    private int _indent;

    /// <summary>True when the current entry's header has been written.</summary>
    public bool HasWrittenEntry => _pendingHeader is null;

    /// <summary>Starts an entry whose header appears with its first item.</summary>
    public void StartEntry(string header) => _pendingHeader = header;

    /// <summary>Adds an item under <paramref name="label"/>, starting the label's group when none is open.</summary>
    public void AddItem(string label, string item)
    {
        if (_pendingHeader is not null)
        {
            _text.Append("  ").Append(_pendingHeader).Append(":\n");
            _pendingHeader = null;
        }

        if (_column == 0)
        {
            _text.Append("    ").Append(label);
            _column = 4 + label.Length;
            _indent = _column + 1;
        }

        if (_column <= _indent)
        {
            _text.Append(' ', _indent - _column).Append(item);
            _column = _indent + item.Length;
        }
        else if (_column + item.Length + 1 >= lineWidth)
        {
            _text.Append('\n').Append(' ', _indent).Append(item);
            _column = _indent + item.Length;
        }
        else
        {
            _text.Append(' ').Append(item);
            _column += item.Length + 1;
        }
    }

    /// <summary>Adds each word of <paramref name="words"/> as an item, so that long text wraps between words.</summary>
    public void AddWords(string label, string words)
    {
        foreach (var word in words.Split(' '))
        {
            AddItem(label, word);
        }
    }

    /// <summary>Ends the open label group, if any.</summary>
    public void EndGroup()
    {
        if (_column > 0)
        {
            _text.Append('\n');
            _column = 0;
        }
    }

    public override string ToString() => _text.ToString();
}
