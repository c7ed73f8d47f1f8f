namespace Apko.Configuration.Yaml;

/// <summary>
/// Resolves plain scalars to integers and booleans the way yaml.v3 (the decoder apko uses) does, so a file means
/// the same number in both tools.
/// </summary>
/// <remarks>
/// Integers: <c>0o755</c> (YAML 1.2 octal) and <c>0755</c> (YAML 1.1 octal, which yaml.v3 still accepts) are both
/// 493, a bare <c>755</c> is decimal, <c>0x1ed</c> is hexadecimal and <c>0b</c> binary; underscores are ignored. A
/// quoted value such as <c>"0755"</c> is a string and is rejected where a number belongs, as yaml.v3 rejects it.
/// Booleans: <c>true</c>/<c>false</c> in any case yaml.v3 accepts, plus the YAML 1.1 words <c>yes</c>, <c>no</c>,
/// <c>on</c>, <c>off</c>, <c>y</c>, <c>n</c>, which yaml.v3 accepts for boolean fields.
/// </remarks>
internal static class YamlScalars
{
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string BoolTag = "tag:yaml.org,2002:bool";

    private static readonly string[] s_true =
        ["true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];

    private static readonly string[] s_false =
        ["false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF"];

    /// <summary>Resolves an integer scalar; returns <see langword="false"/> when the node is not an integer.</summary>
    public static bool TryGetInteger(YamlNode node, out long value)
    {
        value = 0;
        if (node.Kind != YamlNodeKind.Scalar || !(node.IsPlain || node.Tag == IntTag))
        {
            return false;
        }

        var text = node.Value.Replace("_", "", StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+'))
        {
            text = text[1..];
        }

        if (!TryParseUnsigned(text, out var magnitude) || magnitude > long.MaxValue)
        {
            return false;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    /// <summary>Resolves a boolean scalar; returns <see langword="false"/> when the node is not a boolean.</summary>
    public static bool TryGetBoolean(YamlNode node, out bool value)
    {
        value = false;
        if (node.Kind != YamlNodeKind.Scalar || !(node.IsPlain || node.Tag == BoolTag))
        {
            return false;
        }

        value = s_true.Contains(node.Value);
        return value || s_false.Contains(node.Value);
    }

    private static bool TryParseUnsigned(string text, out ulong value)
    {
        value = 0;
        var (digits, radix) = text switch
        {
            _ when text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (text[2..], 16),
            _ when text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (text[2..], 8),
            _ when text.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (text[2..], 2),
            _ when text.Length > 1 && text[0] == '0' => (text[1..], 8),
            _ => (text, 10),
        };
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = DigitValue(c);
            if (digit >= radix)
            {
                return false;
            }

            var next = (UInt128)value * (uint)radix + (uint)digit;
            if (next > ulong.MaxValue)
            {
                return false;
            }

            value = (ulong)next;
        }

        return true;
    }

    // Returns 99, which is no digit in any radix, for characters other than 0-9 and a-z.
    private static int DigitValue(char c) => c switch
    {
        _ when char.IsAsciiDigit(c) => c - '0',
        _ when char.IsAsciiLetter(c) => char.ToLowerInvariant(c) - 'a' + 10,
        _ => 99,
    };

    /// <summary>Formats a mode in the YAML 1.2 octal notation used in messages, such as <c>0o755</c>.</summary>
    public static string FormatOctal(uint value) => "0o" + Convert.ToString((long)value, 8);
}
