using System.Globalization;

namespace Apko.Oci.Model;

/// <summary>
/// Serializes image configs, manifests and indexes to the exact bytes that apko writes through
/// go-containerregistry: compact JSON, members in Go struct order, empty optional members omitted, map keys
/// sorted, no trailing newline.
/// </summary>
public static class OciJson
{
    /// <summary>Serializes an image config.</summary>
    public static byte[] Serialize(ImageConfig config)
    {
        var json = new CompactJsonWriter();
        json.StartObject();
        json.WriteString("architecture", config.Architecture);
        WriteIfPresent(json, "author", config.Author);
        json.WriteString("created", FormatTime(config.Created));
        if (config.History.Count > 0)
        {
            json.WritePropertyName("history");
            json.StartArray();
            foreach (var entry in config.History)
            {
                WriteHistory(json, entry);
            }

            json.EndArray();
        }

        json.WriteString("os", config.Os);
        json.WritePropertyName("rootfs");
        json.StartObject();
        json.WriteString("type", "layers");
        json.WriteStringArray("diff_ids", config.DiffIds.Select(d => d.ToString()));
        json.EndObject();
        WriteContainerConfig(json, config.Config);
        WriteIfPresent(json, "os.version", config.OsVersion);
        WriteIfPresent(json, "variant", config.Variant);
        WriteIfPresent(json, "os.features", config.OsFeatures);
        json.EndObject();
        return json.ToUtf8Bytes();
    }

    /// <summary>Serializes an image manifest.</summary>
    public static byte[] Serialize(Manifest manifest)
    {
        var json = new CompactJsonWriter();
        json.StartObject();
        json.WriteNumber("schemaVersion", 2);
        json.WriteString("mediaType", MediaType.ImageManifest);
        json.WritePropertyName("config");
        WriteDescriptor(json, manifest.Config);
        json.WritePropertyName("layers");
        WriteDescriptors(json, manifest.Layers);
        WriteIfPresent(json, "annotations", manifest.Annotations);
        WriteSubject(json, manifest.Subject);
        json.EndObject();
        return json.ToUtf8Bytes();
    }

    /// <summary>Serializes an image index.</summary>
    public static byte[] Serialize(ImageIndex index)
    {
        var json = new CompactJsonWriter();
        json.StartObject();
        json.WriteNumber("schemaVersion", 2);
        json.WriteString("mediaType", MediaType.ImageIndex);
        json.WritePropertyName("manifests");
        WriteDescriptors(json, index.Manifests);
        WriteIfPresent(json, "annotations", index.Annotations);
        WriteSubject(json, index.Subject);
        json.EndObject();
        return json.ToUtf8Bytes();
    }

    /// <summary>Formats a time as Go's RFC 3339 form with fractional seconds only when present, in UTC.</summary>
    public static string FormatTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + "Z";
    }

    private static void WriteHistory(CompactJsonWriter json, HistoryEntry entry)
    {
        json.StartObject();
        WriteIfPresent(json, "author", entry.Author);
        json.WriteString("created", FormatTime(entry.Created));
        WriteIfPresent(json, "created_by", entry.CreatedBy);
        WriteIfPresent(json, "comment", entry.Comment);
        if (entry.EmptyLayer)
        {
            json.WriteBoolean("empty_layer", true);
        }

        json.EndObject();
    }

    private static void WriteContainerConfig(CompactJsonWriter json, ContainerConfig config)
    {
        json.WritePropertyName("config");
        json.StartObject();
        WriteIfPresent(json, "Cmd", config.Cmd);
        WriteIfPresent(json, "Entrypoint", config.Entrypoint);
        WriteIfPresent(json, "Env", config.Env);
        WriteIfPresent(json, "Labels", config.Labels);
        WriteIfPresent(json, "User", config.User);
        if (config.Volumes is { Count: > 0 } volumes)
        {
            json.WriteEmptyObjectMap("Volumes", volumes);
        }

        WriteIfPresent(json, "WorkingDir", config.WorkingDir);
        if (config.ExposedPorts is { Count: > 0 } ports)
        {
            json.WriteEmptyObjectMap("ExposedPorts", ports);
        }

        WriteIfPresent(json, "StopSignal", config.StopSignal);
        json.EndObject();
    }

    private static void WriteDescriptors(CompactJsonWriter json, IReadOnlyList<Descriptor> descriptors)
    {
        json.StartArray();
        foreach (var descriptor in descriptors)
        {
            WriteDescriptor(json, descriptor);
        }

        json.EndArray();
    }

    private static void WriteDescriptor(CompactJsonWriter json, Descriptor descriptor)
    {
        json.StartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteNumber("size", descriptor.Size);
        json.WriteString("digest", descriptor.Digest.ToString());
        WriteIfPresent(json, "annotations", descriptor.Annotations);
        if (descriptor.Platform is { } platform)
        {
            json.WritePropertyName("platform");
            WritePlatform(json, platform);
        }

        WriteIfPresent(json, "artifactType", descriptor.ArtifactType);
        json.EndObject();
    }

    private static void WritePlatform(CompactJsonWriter json, Platform platform)
    {
        json.StartObject();
        json.WriteString("architecture", platform.Architecture);
        json.WriteString("os", platform.Os);
        WriteIfPresent(json, "os.features", platform.OsFeatures);
        WriteIfPresent(json, "variant", platform.Variant);
        json.EndObject();
    }

    private static void WriteSubject(CompactJsonWriter json, Descriptor? subject)
    {
        if (subject is not null)
        {
            json.WritePropertyName("subject");
            WriteDescriptor(json, subject);
        }
    }

    private static void WriteIfPresent(CompactJsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteIfPresent(CompactJsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            json.WriteStringArray(name, values);
        }
    }

    private static void WriteIfPresent(CompactJsonWriter json, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is { Count: > 0 })
        {
            json.WriteStringMap(name, map);
        }
    }
}
