using System.Buffers;
using System.Text.Json;

namespace Apko.Sbom;

/// <summary>
/// Writes JSON laid out as Go's encoder with a two-space indent writes it: <c>"key": value</c>, empty arrays as
/// <c>[]</c>, a trailing newline, and strings quoted by <see cref="GoJsonString"/>.
/// </summary>
internal sealed class SbomJsonWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates an empty writer.</summary>
    public SbomJsonWriter()
    {
        _writer = new Utf8JsonWriter(
            _buffer,
            new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", SkipValidation = false });
    }

    /// <summary>Starts an object, as a property when a name is given.</summary>
    public void StartObject(string? name = null)
    {
        if (name is null)
        {
            _writer.WriteStartObject();
        }
        else
        {
            _writer.WriteStartObject(name);
        }
    }

    /// <summary>Ends the current object.</summary>
    public void EndObject() => _writer.WriteEndObject();

    /// <summary>Starts an array, as a property when a name is given.</summary>
    public void StartArray(string? name = null)
    {
        if (name is null)
        {
            _writer.WriteStartArray();
        }
        else
        {
            _writer.WriteStartArray(name);
        }
    }

    /// <summary>Ends the current array.</summary>
    public void EndArray() => _writer.WriteEndArray();

    /// <summary>Writes a string property.</summary>
    public void String(string name, string value)
    {
        _writer.WritePropertyName(name);
        StringValue(value);
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
    public void StringValue(string value) => _writer.WriteRawValue(GoJsonString.Quote(value), skipInputValidation: true);

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
    public void Boolean(string name, bool value) => _writer.WriteBoolean(name, value);

    /// <summary>Writes an integer property.</summary>
    public void Number(string name, int value) => _writer.WriteNumber(name, value);

    /// <summary>Returns the document's bytes with a trailing newline.</summary>
    public byte[] ToArray()
    {
        _writer.Flush();
        return [.. _buffer.WrittenSpan, (byte)'\n'];
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
