using System.Globalization;
using System.Text;

namespace Apko.Sbom;

/// <summary>
/// Writes JSON laid out as Go's encoder with a two-space indent writes it: <c>"key": value</c>, empty arrays as
/// <c>[]</c>, a trailing newline, and strings quoted by <see cref="GoJsonString"/>. Utf8JsonWriter cannot be used
/// here: its own escaping differs from Go's, and raw values skip its indentation inside arrays.
/// </summary>
internal sealed class SbomJsonWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<(char Close, int Count)> _containers = new();

    /// <summary>Starts an object, as a property when a name is given.</summary>
    public void StartObject(string? name = null) => Open(name, '{', '}');

    /// <summary>Ends the current object.</summary>
    public void EndObject() => Close('}');

    /// <summary>Starts an array, as a property when a name is given.</summary>
    public void StartArray(string? name = null) => Open(name, '[', ']');

    /// <summary>Ends the current array.</summary>
    public void EndArray() => Close(']');

    /// <summary>Writes a string property.</summary>
    public void String(string name, string value)
    {
        BeginValue(name);
        _text.Append(GoJsonString.Quote(value));
    }

    /// <summary>Writes a string property unless the value is empty, as Go's <c>omitempty</c> does.</summary>
    public void OptionalString(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            String(name, value);
        }
    }

    /// <summary>Writes a string array element.</summary>
    public void StringValue(string value)
    {
        BeginValue(null);
        _text.Append(GoJsonString.Quote(value));
    }

    /// <summary>Writes an array of strings.</summary>
    public void StringArray(string name, IEnumerable<string> values)
    {
        StartArray(name);
        foreach (var value in values)
        {
            StringValue(value);
        }

        EndArray();
    }

    /// <summary>Writes a boolean property.</summary>
    public void Boolean(string name, bool value)
    {
        BeginValue(name);
        _text.Append(value ? "true" : "false");
    }

    /// <summary>Writes an integer property.</summary>
    public void Number(string name, int value)
    {
        BeginValue(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Returns the document's UTF-8 bytes with a trailing newline.</summary>
    /// <exception cref="InvalidOperationException">An object or array is still open.</exception>
    public byte[] ToArray()
    {
        if (_containers.Count > 0)
        {
            throw new InvalidOperationException("The JSON document has unclosed objects or arrays.");
        }

        return Encoding.UTF8.GetBytes(_text.Append('\n').ToString());
    }

    private void Open(string? name, char open, char close)
    {
        BeginValue(name);
        _text.Append(open);
        _containers.Push((close, 0));
    }

    private void Close(char close)
    {
        var (expected, count) = _containers.Pop();
        if (expected != close)
        {
            throw new InvalidOperationException($"Expected '{expected}' but '{close}' closes the container.");
        }

        if (count > 0)
        {
            NewLine();
        }

        _text.Append(close);
    }

    private void BeginValue(string? name)
    {
        if (_containers.TryPop(out var container))
        {
            if (container.Count > 0)
            {
                _text.Append(',');
            }

            _containers.Push((container.Close, container.Count + 1));
            NewLine();
        }

        if (name is not null)
        {
            _text.Append(GoJsonString.Quote(name)).Append(": ");
        }
    }

    private void NewLine() => _text.Append('\n').Append(' ', 2 * _containers.Count);
}
