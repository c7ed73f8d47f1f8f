using System.Text.Json;
using Apko.Oci.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Apko.Oci.Registry;

/// <summary>
/// Attaches files such as SBOMs to pushed images as OCI 1.1 artifacts: an image manifest with an
/// <c>artifactType</c>, the empty JSON config <c>{}</c>, the file as its layer and the image as its
/// <c>subject</c>. When the registry does not confirm the subject with an <c>OCI-Subject</c> header, the
/// referrers tag <c>sha256-&lt;hex&gt;</c> is updated to an index that lists the artifact.
/// </summary>
public sealed class ReferrerPusher
{
    private static readonly byte[] s_emptyJson = "{}"u8.ToArray();

    private readonly RegistryClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates a pusher that sends through <paramref name="client"/>.</summary>
    public ReferrerPusher(RegistryClient client, ILogger? logger = null)
    {
        _client = client;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The descriptor of the empty JSON config <c>{}</c> that artifacts without a config use.</summary>
    public static Descriptor EmptyConfig { get; } = new()
    {
        MediaType = MediaType.EmptyJson,
        Digest = Digest.Sha256(s_emptyJson),
        Size = s_emptyJson.Length,
    };

    /// <summary>Pushes the artifact into the repository of its subject and returns its manifest's descriptor.</summary>
    /// <exception cref="OciException">The file cannot be read (APKO5013).</exception>
    /// <exception cref="RegistryException">A registry request failed after all retries.</exception>
    public async Task<Descriptor> PushAsync(
        RegistryRepository repository,
        ReferrerArtifact artifact,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var content = await ReadFileAsync(artifact.FilePath, cancellationToken).ConfigureAwait(false);
        var layer = new Descriptor
        {
            MediaType = artifact.ArtifactType,
            Digest = Digest.Sha256(content),
            Size = content.Length,
        };
        await _client.PushBlobAsync(repository, EmptyConfig, () => new MemoryStream(s_emptyJson), null,
            cancellationToken).ConfigureAwait(false);
        await _client.PushBlobAsync(repository, layer, () => new MemoryStream(content), null, cancellationToken)
            .ConfigureAwait(false);

        var manifest = WriteManifest(artifact, layer);
        var pushed = await _client.PushManifestAsync(repository, Digest.Sha256(manifest).ToString(),
            MediaType.ImageManifest, manifest, cancellationToken).ConfigureAwait(false);
        var descriptor = new Descriptor
        {
            MediaType = MediaType.ImageManifest,
            Digest = pushed.Digest,
            Size = manifest.Length,
            ArtifactType = artifact.ArtifactType,
            Annotations = artifact.Annotations,
        };
        if (!pushed.SubjectProcessed)
        {
            await AddToReferrersTagAsync(repository, artifact.Subject.Digest, descriptor, cancellationToken)
                .ConfigureAwait(false);
        }

        RegistryLog.ReferrerPushed(_logger, artifact.ArtifactType, descriptor.Digest.ToString(),
            new ImageReference(repository, null, artifact.Subject.Digest).ToString());
        return descriptor;
    }

    // NOTE: two clients that update the same referrers tag at once can lose one entry. The tag scheme of the OCI
    // distribution specification has no way to prevent that.
    private async Task AddToReferrersTagAsync(
        RegistryRepository repository,
        Digest subject,
        Descriptor referrer,
        CancellationToken cancellationToken)
    {
        var tag = RegistryClient.ReferrersTag(subject);
        var existing = await _client.GetManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
        var entries = existing is null ? [] : ReadEntries(existing, repository, tag);
        if (entries.Any(entry => entry.Digest == referrer.Digest))
        {
            return;
        }

        entries.Add(referrer);
        await _client.PushManifestAsync(repository, tag, MediaType.ImageIndex, WriteIndex(entries), cancellationToken)
            .ConfigureAwait(false);
    }

    private List<Descriptor> ReadEntries(RegistryManifest existing, RegistryRepository repository, string tag)
    {
        var uri = RegistryEndpoint.Manifest(_client.Transport.BaseUri(repository.Registry), repository.Name, tag);
        var request = new RegistryRequest(HttpMethod.Get, uri, repository);
        return RegistryClient.ReadIndexManifests(existing.Content.ToArray(), request);
    }

    private static byte[] WriteManifest(ReferrerArtifact artifact, Descriptor layer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", MediaType.ImageManifest);
            writer.WriteString("artifactType", artifact.ArtifactType);
            writer.WritePropertyName("config");
            DescriptorJson.Write(writer, EmptyConfig);
            writer.WriteStartArray("layers");
            DescriptorJson.Write(writer, layer);
            writer.WriteEndArray();
            writer.WritePropertyName("subject");
            DescriptorJson.Write(writer, artifact.Subject with { Platform = null, Annotations = null });
            if (artifact.Annotations is { Count: > 0 } annotations)
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

        return buffer.ToArray();
    }

    private static byte[] WriteIndex(IReadOnlyList<Descriptor> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", MediaType.ImageIndex);
            writer.WriteStartArray("manifests");
            foreach (var entry in entries)
            {
                DescriptorJson.Write(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new OciException(
                RegistryErrors.ArtifactFileInvalidCode,
                RegistryErrors.ArtifactFileInvalid(path, exception.Message),
                exception);
        }
    }
}
