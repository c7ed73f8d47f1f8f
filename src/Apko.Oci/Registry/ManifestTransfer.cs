using System.Net;
using System.Net.Http.Headers;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>Pushes and fetches manifests and indexes, byte for byte.</summary>
internal sealed class ManifestTransfer
{
    /// <summary>Manifest media types a client accepts when fetching.</summary>
    public static readonly IReadOnlyList<string> AcceptedMediaTypes =
    [
        MediaType.ImageIndex, MediaType.ImageManifest, MediaType.DockerManifestList, MediaType.DockerManifest,
    ];

    private readonly RegistryTransport _transport;

    public ManifestTransfer(RegistryTransport transport)
    {
        _transport = transport;
    }

    public async Task<ManifestPushResult> PushAsync(
        RegistryRepository repository,
        string reference,
        string mediaType,
        ReadOnlyMemory<byte> content,
        CancellationToken cancellationToken)
    {
        var digest = Digest.Sha256(content.Span);
        var uri = RegistryEndpoint.Manifest(_transport.BaseUri(repository.Registry), repository.Name, reference);
        var request = new RegistryRequest(HttpMethod.Put, uri, repository)
        {
            Push = true,
            Content = () =>
            {
                var body = new ReadOnlyMemoryContent(content);
                body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return body;
            },
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.NoContent))
        {
            throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        CheckDigest(request, response, digest);
        RegistryLog.ManifestPushed(_transport.Logger, reference, repository.ToString());
        return new ManifestPushResult(digest, response.Headers.Contains("OCI-Subject"));
    }

    public async Task<RegistryManifest?> GetAsync(
        RegistryRepository repository,
        string reference,
        CancellationToken cancellationToken)
    {
        var uri = RegistryEndpoint.Manifest(_transport.BaseUri(repository.Registry), repository.Name, reference);
        var request = new RegistryRequest(HttpMethod.Get, uri, repository) { Accept = AcceptedMediaTypes };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = Digest.Sha256(content);
        if (Digest.TryParse(reference, out var requested) && requested != digest)
        {
            throw DigestMismatch(request, response.StatusCode, requested, digest);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? MediaType.ImageManifest;
        return new RegistryManifest(mediaType, digest, content);
    }

    /// <summary>
    /// Checks the <c>Docker-Content-Digest</c> header, when the registry sends one, against the digest.
    /// </summary>
    public static void CheckDigest(RegistryRequest request, HttpResponseMessage response, Digest expected)
    {
        if (!response.Headers.TryGetValues("Docker-Content-Digest", out var values) ||
            values.FirstOrDefault() is not { } text ||
            text == expected.ToString())
        {
            return;
        }

        throw DigestMismatch(request, response.StatusCode, expected, text);
    }

    private static RegistryException DigestMismatch(
        RegistryRequest request,
        HttpStatusCode status,
        Digest expected,
        object actual)
    {
        var url = RegistryEndpoint.Redact(request.Uri);
        return new RegistryException(
            RegistryErrors.DigestMismatchCode,
            RegistryErrors.DigestMismatch(request.Method.Method, url, expected.ToString(), actual.ToString()!),
            new RegistryFailure(request.Method.Method, url, status));
    }
}
