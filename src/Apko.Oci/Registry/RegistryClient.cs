using System.Net;
using System.Text.Json;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>
/// A client of the OCI distribution API: blob existence checks and uploads, cross-repository mounts, manifest
/// pushes and fetches, and referrers discovery. It authenticates and retries as
/// <see cref="RegistryClientOptions"/> set, and is safe to use from several tasks at once.
/// </summary>
public sealed class RegistryClient
{
    private readonly RegistryTransport _transport;
    private readonly BlobUploader _blobs;
    private readonly ManifestTransfer _manifests;

    /// <summary>
    /// Creates a client that sends its requests through <see cref="RegistryClientOptions.HttpClient"/>.
    /// </summary>
    public RegistryClient(RegistryClientOptions options)
    {
        _transport = new RegistryTransport(options);
        _blobs = new BlobUploader(_transport, options);
        _manifests = new ManifestTransfer(_transport);
    }

    internal RegistryTransport Transport => _transport;

    /// <summary>Checks with a HEAD request whether a blob exists in a repository.</summary>
    /// <exception cref="RegistryException">The registry failed or rejected the request.</exception>
    public Task<bool> BlobExistsAsync(RegistryRepository repository, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return _blobs.ExistsAsync(repository, digest, false, cancellationToken);
    }

    /// <summary>
    /// Pushes a blob unless the repository has it: mounts it from <see cref="BlobPushOptions.MountFrom"/> when
    /// given, otherwise uploads the bytes <paramref name="openContent"/> returns (it may be called once per
    /// attempt). Returns <see cref="PushStage.BlobExists"/>, <see cref="PushStage.BlobMounted"/> or
    /// <see cref="PushStage.BlobUploaded"/>.
    /// </summary>
    /// <exception cref="RegistryException">The registry failed or rejected a request after all retries.</exception>
    public Task<PushStage> PushBlobAsync(
        RegistryRepository repository,
        Descriptor blob,
        Func<Stream> openContent,
        BlobPushOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(openContent);
        return _blobs.PushAsync(repository, blob, openContent, options ?? new BlobPushOptions(), cancellationToken);
    }

    /// <summary>
    /// Pushes manifest or index bytes unchanged under a reference: their digest, or a tag. Every blob and child
    /// manifest they refer to must already be in the repository.
    /// </summary>
    /// <exception cref="RegistryException">The registry rejected the manifest or stored other bytes.</exception>
    public Task<ManifestPushResult> PushManifestAsync(
        RegistryRepository repository,
        string reference,
        string mediaType,
        ReadOnlyMemory<byte> content,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return _manifests.PushAsync(repository, reference, mediaType, content, cancellationToken);
    }

    /// <summary>
    /// Fetches a manifest or index by digest or tag; returns null when the registry does not have it.
    /// </summary>
    /// <exception cref="RegistryException">
    /// The registry failed, or returned bytes that do not match the digest.
    /// </exception>
    public Task<RegistryManifest?> GetManifestAsync(
        RegistryRepository repository,
        string reference,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return _manifests.GetAsync(repository, reference, cancellationToken);
    }

    /// <summary>
    /// Lists the manifests whose <c>subject</c> is <paramref name="subject"/>: from the referrers API when the
    /// registry has one, otherwise from the referrers tag scheme (the index tagged <c>sha256-&lt;hex&gt;</c>).
    /// </summary>
    /// <param name="repository">Repository of the subject.</param>
    /// <param name="subject">Digest of the subject manifest.</param>
    /// <param name="artifactType">Only referrers of this artifact type; null for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="RegistryException">The registry failed or returned an invalid index.</exception>
    public async Task<IReadOnlyList<Descriptor>> GetReferrersAsync(
        RegistryRepository repository,
        Digest subject,
        string? artifactType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = RegistryEndpoint.Referrers(_transport.BaseUri(repository.Registry), repository.Name, subject,
            artifactType);
        var request = new RegistryRequest(HttpMethod.Get, uri, repository) { Accept = [MediaType.ImageIndex] };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        byte[] content;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // A registry without the referrers API answers 404; clients then read the referrers tag instead.
            var tagged = await GetManifestAsync(repository, ReferrersTag(subject), cancellationToken)
                .ConfigureAwait(false);
            if (tagged is null)
            {
                return [];
            }

            content = tagged.Content.ToArray();
        }
        else
        {
            throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        var referrers = ReadIndexManifests(content, request);
        return artifactType is null ? referrers : referrers.Where(d => d.ArtifactType == artifactType).ToList();
    }

    /// <summary>Returns the tag of the referrers tag scheme for a subject: <c>sha256-&lt;hex&gt;</c>.</summary>
    public static string ReferrersTag(Digest subject) => $"{subject.Algorithm}-{subject.Encoded}";

    internal static List<Descriptor> ReadIndexManifests(byte[] content, RegistryRequest request)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var result = new List<Descriptor>();
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("manifests", out var manifests) &&
                manifests.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in manifests.EnumerateArray())
                {
                    var descriptor = DescriptorJson.TryRead(element, out var problem);
                    result.Add(descriptor ?? throw InvalidIndex(request, problem));
                }
            }

            return result;
        }
        catch (JsonException exception)
        {
            throw InvalidIndex(request, exception.Message, exception);
        }
    }

    private static RegistryException InvalidIndex(RegistryRequest request, string reason, Exception? inner = null)
    {
        var url = RegistryEndpoint.Redact(request.Uri);
        return new RegistryException(
            RegistryErrors.InvalidResponseCode,
            RegistryErrors.InvalidResponse(request.Method.Method, url, "the index is invalid: " + reason),
            new RegistryFailure(request.Method.Method, url, HttpStatusCode.OK),
            inner);
    }
}
