using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>
/// Pushes one blob: HEAD to skip it when present, an optional cross-repository mount, then a monolithic upload
/// (POST, then PUT with the bytes) or, from <see cref="RegistryClientOptions.ChunkedUploadThreshold"/> bytes, a
/// chunked one (POST, PATCH per chunk, then PUT). A transient failure restarts the whole sequence, because an
/// upload session may not survive a failed request.
/// </summary>
internal sealed class BlobUploader
{
    private const string OctetStream = "application/octet-stream";

    private readonly RegistryTransport _transport;
    private readonly RegistryClientOptions _options;

    public BlobUploader(RegistryTransport transport, RegistryClientOptions options)
    {
        _transport = transport;
        _options = options;
    }

    public async Task<PushStage> PushAsync(
        RegistryRepository repository,
        Descriptor blob,
        Func<Stream> openContent,
        BlobPushOptions options,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stage = await PushOnceAsync(repository, blob, openContent, options, cancellationToken)
                    .ConfigureAwait(false);
                options.Progress?.Report(new PushProgress(stage, blob.Digest, blob.Size, blob.Size));
                return stage;
            }
            catch (RegistryException exception) when (IsRestartable(exception) &&
                attempt < _transport.Retry.MaxAttempts)
            {
                var delay = _transport.Retry.DelayAfter(attempt, null);
                RegistryLog.RetryingBlob(_transport.Logger, blob.Digest.ToString(), (long)delay.TotalMilliseconds,
                    exception.Message, attempt + 1, _transport.Retry.MaxAttempts);
                await _transport.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Requests that the transport already repeated are not repeated again here, so the attempts of a failing HEAD
    // or POST do not multiply. A lost upload session (BLOB_UPLOAD_UNKNOWN, as after a dropped PUT) restarts too.
    private static bool IsRestartable(RegistryException exception) =>
        (exception.IsTransient && !exception.RetriesExhausted) ||
        exception.RegistryErrorCode == "BLOB_UPLOAD_UNKNOWN";

    public async Task<bool> ExistsAsync(
        RegistryRepository repository,
        Digest digest,
        bool push,
        CancellationToken cancellationToken)
    {
        var uri = RegistryEndpoint.Blob(_transport.BaseUri(repository.Registry), repository.Name, digest);
        var request = new RegistryRequest(HttpMethod.Head, uri, repository) { Push = push };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<PushStage> PushOnceAsync(
        RegistryRepository repository,
        Descriptor blob,
        Func<Stream> openContent,
        BlobPushOptions options,
        CancellationToken cancellationToken)
    {
        if (await ExistsAsync(repository, blob.Digest, true, cancellationToken).ConfigureAwait(false))
        {
            RegistryLog.BlobExists(_transport.Logger, blob.Digest.ToString(), repository.ToString());
            return PushStage.BlobExists;
        }

        var session = await StartUploadAsync(repository, blob.Digest, options.MountFrom, cancellationToken)
            .ConfigureAwait(false);
        if (session is null)
        {
            RegistryLog.BlobMounted(_transport.Logger, blob.Digest.ToString(), repository.ToString(),
                options.MountFrom!);
            return PushStage.BlobMounted;
        }

        if (blob.Size >= _options.ChunkedUploadThreshold)
        {
            var location = await PatchChunksAsync(repository, blob, openContent, session, options, cancellationToken)
                .ConfigureAwait(false);
            await CompleteUploadAsync(repository, blob, location, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var content = CreateContentFactory(blob, openContent, options.Progress);
            await CompleteUploadAsync(repository, blob, session.Location, content, cancellationToken)
                .ConfigureAwait(false);
        }

        RegistryLog.BlobUploaded(_transport.Logger, blob.Digest.ToString(), blob.Size, repository.ToString());
        return PushStage.BlobUploaded;
    }

    /// <summary>Starts an upload session, or mounts the blob and returns null when the registry mounted it.</summary>
    private async Task<UploadSession?> StartUploadAsync(
        RegistryRepository repository,
        Digest digest,
        string? mountFrom,
        CancellationToken cancellationToken)
    {
        var baseUri = _transport.BaseUri(repository.Registry);
        var uri = mountFrom is null
            ? RegistryEndpoint.BlobUploads(baseUri, repository.Name)
            : RegistryEndpoint.Mount(baseUri, repository.Name, digest, mountFrom);
        var request = new RegistryRequest(HttpMethod.Post, uri, repository) { Push = true, MountFrom = mountFrom };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null)
        {
            return null;
        }

        // A registry that cannot mount (the source lacks the blob, or mounting is off) responds with 202 and a new
        // upload session, as the OCI distribution specification allows.
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        var minChunk = response.Headers.TryGetValues("OCI-Chunk-Min-Length", out var values) &&
            long.TryParse(values.FirstOrDefault(), out var parsed) ? parsed : 0;
        return new UploadSession(ReadLocation(request, response), minChunk);
    }

    private async Task<Uri> PatchChunksAsync(
        RegistryRepository repository,
        Descriptor blob,
        Func<Stream> openContent,
        UploadSession session,
        BlobPushOptions options,
        CancellationToken cancellationToken)
    {
        var chunkSize = (int)Math.Clamp(Math.Max(_options.ChunkSize, session.MinChunkLength), 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            await using var stream = openContent();
            var location = session.Location;
            for (long offset = 0; offset < blob.Size;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = await stream.ReadAtLeastAsync(buffer.AsMemory(0, chunkSize), chunkSize, false,
                    cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    throw new OciException(
                        RegistryErrors.LayoutInvalidCode,
                        RegistryErrors.BlobContentTooShort(blob.Digest.ToString(), offset, blob.Size));
                }

                location = await PatchAsync(repository, location, buffer, offset, length, cancellationToken)
                    .ConfigureAwait(false);
                offset += length;
                options.Progress?.Report(new PushProgress(PushStage.BlobUploading, blob.Digest, offset, blob.Size));
            }

            return location;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<Uri> PatchAsync(
        RegistryRepository repository,
        Uri location,
        byte[] buffer,
        long offset,
        int length,
        CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Patch, location, repository)
        {
            Push = true,
            Retry = false,
            Content = () =>
            {
                var content = new ByteArrayContent(buffer, 0, length);
                content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
                // The distribution specification's Content-Range is "<start>-<end>" with an inclusive end and
                // without the "bytes" unit of RFC 9110, so the typed header cannot be used.
                content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
                return content;
            },
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        return ReadLocation(request, response);
    }

    private async Task CompleteUploadAsync(
        RegistryRepository repository,
        Descriptor blob,
        Uri location,
        Func<HttpContent>? content,
        CancellationToken cancellationToken)
    {
        var uri = RegistryEndpoint.WithQuery(location, "digest", blob.Digest.ToString());
        var request = new RegistryRequest(HttpMethod.Put, uri, repository)
        {
            Push = true,
            Retry = false,
            Content = content ?? (() => new ByteArrayContent([])),
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            throw await _transport.CreateErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        ManifestTransfer.CheckDigest(request, response, blob.Digest);
    }

    private static Func<HttpContent> CreateContentFactory(
        Descriptor blob,
        Func<Stream> openContent,
        IProgress<PushProgress>? progress) =>
        () =>
        {
            var stream = openContent();
            var content = new StreamContent(
                progress is null ? stream : new ProgressStream(stream, progress, blob.Digest, blob.Size));
            content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
            content.Headers.ContentLength = blob.Size;
            return content;
        };

    private static Uri ReadLocation(RegistryRequest request, HttpResponseMessage response)
    {
        if (response.Headers.Location is not { } location)
        {
            throw new RegistryException(
                RegistryErrors.InvalidResponseCode,
                RegistryErrors.InvalidResponse(request.Method.Method, RegistryEndpoint.Redact(request.Uri),
                    $"{(int)response.StatusCode} without a 'Location' header"),
                new RegistryFailure(request.Method.Method, RegistryEndpoint.Redact(request.Uri), response.StatusCode));
        }

        // The Location of an upload session may be relative to the request URL.
        return location.IsAbsoluteUri ? location : new Uri(request.Uri, location);
    }

    private sealed record UploadSession(Uri Location, long MinChunkLength);
}
