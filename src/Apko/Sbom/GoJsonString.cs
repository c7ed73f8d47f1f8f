using System.Globalization;
using System.Text;

namespace Apko.Sbom;

/// <summary>
/// Quotes strings the way Go's <c>encoding/json</c> does with HTML escaping on, which is how apko's SBOMs are
/// encoded: <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as <c>\uXXXX</c>, other characters as they are.
/// </summary>
internal static class GoJsonString
{
    /// <summary>Returns the JSON string literal, quotes included.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ': AppendUnicode(builder, c); break;
                default: AppendOther(builder, value, ref i); break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static void AppendOther(StringBuilder builder, string value, ref int i)
    {
        var c = value[i];
        if (!char.IsSurrogate(c))
        {
            builder.Append(c);
        }
        else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            builder.Append(c).Append(value[++i]);
        }
        else
        {
            // A lone surrogate is not valid UTF-8, so Go writes the replacement character instead.
            builder.Append("\\ufffd");
        }
    }

    private static void AppendUnicode(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
