using System.Text;

namespace Apko.Build;

/// <summary>
/// Splits a command line into words the way a POSIX shell does for quoting: single quotes keep everything,
/// double quotes keep everything but backslash escapes of <c>"</c>, <c>\</c>, <c>$</c> and <c>`</c>, and a backslash
/// outside quotes escapes the next character. No expansion happens.
/// </summary>
internal static class ShellWords
{
    /// <summary>Splits <paramref name="text"/> into words.</summary>
    /// <exception cref="FormatException">A quote is not closed or the text ends with a backslash.</exception>
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    i = ReadSingleQuoted(text, i, word);
                    inWord = true;
                    break;
                case '"':
                    i = ReadDoubleQuoted(text, i, word);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        throw new FormatException($"'{text}' ends with a backslash.");
                    }

                    word.Append(text[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static int ReadSingleQuoted(string text, int start, StringBuilder word)
    {
        var end = text.IndexOf('\'', start + 1);
        if (end < 0)
        {
            throw new FormatException($"'{text}' has a single quote that is not closed.");
        }

        word.Append(text, start + 1, end - start - 1);
        return end;
    }

    private static int ReadDoubleQuoted(string text, int start, StringBuilder word)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(text[++i]);
                continue;
            }

            word.Append(c);
        }

        throw new FormatException($"'{text}' has a double quote that is not closed.");
    }
}
