using System.Buffers;
using System.Text;

namespace Apko.Apk.Indexes;

/// <summary>
/// Parses APKINDEX text from UTF-8 bytes in chunks, without a string per line: records of <c>X:value</c> lines
/// separated by blank lines.
/// </summary>
internal sealed class ApkIndexParser
{
    /// <summary>Longest line accepted; apko reads index lines with a 1 MiB buffer.</summary>
    public const int MaxLineLength = 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    private readonly string _source;
    private readonly PackageRecordBuilder _record;
    private readonly List<ApkPackage> _packages = [];
    private int _lineNumber;

    private ApkIndexParser(string source)
    {
        _source = source;
        _record = new PackageRecordBuilder(source, new StringPool());
    }

    /// <summary>Parses every record of the text in <paramref name="stream"/>.</summary>
    /// <param name="stream">APKINDEX text.</param>
    /// <param name="source">Names the text in messages, such as <c>…/APKINDEX.tar.gz: APKINDEX</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ApkException">A line is malformed or a record has no name or version.</exception>
    public static async Task<List<ApkPackage>> ParseAsync(
        Stream stream,
        string source,
        CancellationToken cancellationToken)
    {
        var parser = new ApkIndexParser(source);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = parser.Grow(buffer);
                }

                var count = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                length += count;
                var consumed = parser.ParseLines(buffer.AsSpan(0, length));
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
            }

            parser.Finish(buffer.AsSpan(0, length));
            return parser._packages;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses APKINDEX text held in memory.</summary>
    /// <exception cref="ApkException">A line is malformed or a record has no name or version.</exception>
    public static List<ApkPackage> Parse(ReadOnlySpan<byte> text, string source)
    {
        var parser = new ApkIndexParser(source);
        var consumed = parser.ParseLines(text);
        parser.Finish(text[consumed..]);
        return parser._packages;
    }

    private byte[] Grow(byte[] buffer)
    {
        if (buffer.Length >= MaxLineLength)
        {
            throw IndexErrors.LineTooLong(_source, _lineNumber + 1, MaxLineLength);
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private int ParseLines(ReadOnlySpan<byte> text)
    {
        var consumed = 0;
        int newline;
        while ((newline = text[consumed..].IndexOf((byte)'\n')) >= 0)
        {
            ParseLine(text.Slice(consumed, newline));
            consumed += newline + 1;
        }

        return consumed;
    }

    private void Finish(ReadOnlySpan<byte> lastLine)
    {
        if (!lastLine.IsEmpty)
        {
            ParseLine(lastLine);
        }

        if (!_record.IsEmpty)
        {
            _packages.Add(_record.Build());
        }
    }

    private void ParseLine(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            if (!_record.IsEmpty)
            {
                _packages.Add(_record.Build());
            }

            return;
        }

        if (line.Length < 2 || line[1] != (byte)':')
        {
            throw IndexErrors.NotAField(_source, _lineNumber, Encoding.UTF8.GetString(line));
        }

        _record.Set(line[0], line[2..], _lineNumber);
    }
}
