using System.Text.Json;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>Reads and writes OCI content descriptors as JSON, with a fixed property order.</summary>
internal static class DescriptorJson
{
    /// <summary>Reads a descriptor; returns null and a reason when a required field is missing or invalid.</summary>
    public static Descriptor? TryRead(JsonElement element, out string problem)
    {
        problem = "";
        if (element.ValueKind != JsonValueKind.Object ||
            ReadString(element, "mediaType") is not { } mediaType ||
            !Digest.TryParse(ReadString(element, "digest"), out var digest) ||
            !element.TryGetProperty("size", out var sizeElement) ||
            !sizeElement.TryGetInt64(out var size) ||
            size < 0)
        {
            problem = "a descriptor lacks a 'mediaType', a sha256 'digest' or a non-negative 'size'";
            return null;
        }

        return new Descriptor
        {
            MediaType = mediaType,
            Digest = digest,
            Size = size,
            ArtifactType = ReadString(element, "artifactType"),
            Platform = ReadPlatform(element),
            Annotations = ReadAnnotations(element),
        };
    }

    public static void Write(Utf8JsonWriter writer, Descriptor descriptor)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        writer.WriteString("digest", descriptor.Digest.ToString());
        writer.WriteNumber("size", descriptor.Size);
        if (descriptor.ArtifactType is not null)
        {
            writer.WriteString("artifactType", descriptor.ArtifactType);
        }

        if (descriptor.Platform is { } platform)
        {
            WritePlatform(writer, platform);
        }

        if (descriptor.Annotations is { Count: > 0 } annotations)
        {
            writer.WriteStartObject("annotations");
            foreach (var (key, value) in annotations.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object &&
        element.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void WritePlatform(Utf8JsonWriter writer, Platform platform)
    {
        writer.WriteStartObject("platform");
        writer.WriteString("architecture", platform.Architecture);
        writer.WriteString("os", platform.Os);
        if (platform.Variant is not null)
        {
            writer.WriteString("variant", platform.Variant);
        }

        writer.WriteEndObject();
    }

    private static Platform? ReadPlatform(JsonElement element)
    {
        if (!element.TryGetProperty("platform", out var platform) ||
            ReadString(platform, "architecture") is not { } architecture)
        {
            return null;
        }

        return new Platform(architecture, ReadString(platform, "os") ?? "linux", ReadString(platform, "variant"));
    }

    private static Dictionary<string, string>? ReadAnnotations(JsonElement element)
    {
        if (!element.TryGetProperty("annotations", out var annotations) ||
            annotations.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in annotations.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                result[property.Name] = property.Value.GetString()!;
            }
        }

        return result;
    }
}
