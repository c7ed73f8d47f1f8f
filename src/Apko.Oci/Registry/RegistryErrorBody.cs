using System.Text.Json;

namespace Apko.Oci.Registry;

/// <summary>Reads the first error of an OCI distribution error body: <c>{"errors":[{"code","message"}]}</c>.</summary>
internal static class RegistryErrorBody
{
    private const int MaxMessageLength = 300;

    public static (string? Code, string? Message) Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("errors", out var errors) ||
                errors.ValueKind != JsonValueKind.Array ||
                errors.GetArrayLength() == 0)
            {
                return (null, null);
            }

            var first = errors[0];
            return (ReadString(first, "code"), Shorten(ReadString(first, "message")));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object &&
        element.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Shorten(string? text) =>
        text is { Length: > MaxMessageLength } ? text[..MaxMessageLength] + "…" : text;
}
