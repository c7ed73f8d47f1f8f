using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Apko.Apk.Repositories;

/// <summary>
/// Sends GET requests with bounded parallelism and retries, and streams each body into a temporary file while
/// hashing it, so no body is held in memory.
/// </summary>
internal sealed class HttpDownloader
{
    private const int BufferSize = 128 * 1024;
    private const long ProgressInterval = 1024 * 1024;
    private readonly HttpClient _client;
    private readonly RepositoryFetchOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;

    public HttpDownloader(HttpClient client, RepositoryFetchOptions options, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxParallelDownloads);
    }

    /// <summary>Downloads a file, waiting for a free download slot first.</summary>
    /// <exception cref="ApkException">The server returned an error status, or every attempt failed.</exception>
    public async Task<DownloadResult> DownloadAsync(DownloadRequest request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DownloadWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<DownloadResult> DownloadWithRetriesAsync(
        DownloadRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DownloadOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (TransientDownloadException e) when (attempt < _options.MaxAttempts)
            {
                var delay = GetRetryDelay(attempt, e.RetryAfter);
                var milliseconds = (long)delay.TotalMilliseconds;
                RepositoryLog.Retrying(
                    _logger, request.DisplayUrl, e.Reason, attempt, _options.MaxAttempts, milliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (TransientDownloadException e) when (e.StatusCode != 0)
            {
                throw RepositoryErrors.HttpStatus(request.DisplayUrl, e.StatusCode, e.Reason, attempt);
            }
            catch (TransientDownloadException e)
            {
                throw RepositoryErrors.TransferFailed(request.DisplayUrl, attempt, e.InnerException ?? e);
            }
        }
    }

    private TimeSpan GetRetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var backoff = _options.RetryDelay * Math.Pow(2, attempt - 1);
        if (retryAfter is not { } requested)
        {
            return backoff;
        }

        var capped = requested < _options.MaxRetryAfter ? requested : _options.MaxRetryAfter;
        return capped > backoff ? capped : backoff;
    }

    private async Task<DownloadResult> DownloadOnceAsync(DownloadRequest request, CancellationToken cancellationToken)
    {
        using var message = CreateRequestMessage(request, _options.UserAgent);
        HttpResponseMessage response;

        // A server that accepts the connection and then stays silent gets the same limit as a stalled body.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(_options.ReadTimeout);
        try
        {
            response = await _client
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, silence.Token)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TransientDownloadException(e);
        }
        catch (UriFormatException e)
        {
            // The handler follows redirects itself and fails this way on a Location it cannot parse.
            throw RepositoryErrors.RedirectNotFollowed(request.DisplayUrl, 302, "Found", null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.ReadTimeout.TotalSeconds;
            throw new TransientDownloadException(
                new TimeoutException($"No response arrived within {seconds:0.###} seconds.", e));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            RepositoryLog.Response(_logger, request.DisplayUrl, status);
            if (response.StatusCode == HttpStatusCode.NotModified && request.Validators is not null)
            {
                return DownloadResult.Unchanged;
            }

            ThrowIfFailed(request, response);
            var length = response.Content.Headers.ContentLength;
            if (length > request.MaxSize)
            {
                throw RepositoryErrors.ResponseTooLarge(request.DisplayUrl, request.MaxSize);
            }

            return await WriteBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static HttpRequestMessage CreateRequestMessage(DownloadRequest request, string? userAgent)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, request.Uri);
        message.Headers.Authorization = request.Authorization;
        if (userAgent is not null)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (request.Validators?.ETag is { } etag)
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (request.Validators?.LastModified is { } lastModified)
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        return message;
    }

    private static void ThrowIfFailed(DownloadRequest request, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var reason = response.ReasonPhrase ?? response.StatusCode.ToString();
        if (status >= 500 || status == 408 || status == 429)
        {
            // NOTE: an HTTP-date Retry-After is ignored, because the library does not read the clock.
            throw new TransientDownloadException(status, reason, response.Headers.RetryAfter?.Delta);
        }

        throw status switch
        {
            401 or 403 => RepositoryErrors.Unauthorized(
                request.DisplayUrl, status, reason, request.Uri.Authority, request.Authorization is not null),
            404 => RepositoryErrors.NotFound(request.DisplayUrl, request.NotFoundHint),
            >= 300 and < 400 => RepositoryErrors.RedirectNotFollowed(
                request.DisplayUrl, status, reason, response.Headers.Location),
            _ => RepositoryErrors.HttpStatus(request.DisplayUrl, status, reason, attempts: 1),
        };
    }

    private async Task<DownloadResult> WriteBodyAsync(
        DownloadRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var temporary = CreateTemporaryFile(request.TargetDirectory);
        try
        {
            var (sha256, length) = await CopyBodyAsync(request, response, temporary, cancellationToken)
                .ConfigureAwait(false);
            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified?.ToString("R");
            return new DownloadResult(false, temporary, sha256, length, etag, lastModified);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private string CreateTemporaryFile(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
            File.Create(path).Dispose();
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RepositoryErrors.CacheWriteFailed(_options.CacheDirectory, e);
        }
    }

    private async Task<(string Sha256, long Length)> CopyBodyAsync(
        DownloadRequest request, HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var total = response.Content.Headers.ContentLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(
                path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            long length = 0;
            long nextReport = 0;
            while (await ReadBodyAsync(body, buffer, cancellationToken).ConfigureAwait(false) is var read && read > 0)
            {
                length += read;
                if (length > request.MaxSize)
                {
                    throw RepositoryErrors.ResponseTooLarge(request.DisplayUrl, request.MaxSize);
                }

                hash.AppendData(buffer, 0, read);
                await WriteCacheAsync(file, buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (length >= nextReport)
                {
                    _options.Progress?.Report(new RepositoryDownloadProgress(request.DisplayUrl, length, total, false));
                    nextReport = length + ProgressInterval;
                }
            }

            if (total is { } expected && length != expected)
            {
                throw new TransientDownloadException(
                    new IOException($"The response ended after {length} of {expected} bytes."));
            }

            _options.Progress?.Report(new RepositoryDownloadProgress(request.DisplayUrl, length, total, true));
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<int> ReadBodyAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        // The request's own timeout stops at the response headers, so a stalled body needs one per read.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.ReadTimeout);
        try
        {
            return await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new TransientDownloadException(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.ReadTimeout.TotalSeconds;
            throw new TransientDownloadException(
                new TimeoutException($"No data arrived for {seconds:0.###} seconds while reading the response.", e));
        }
    }

    private async Task WriteCacheAsync(FileStream file, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw RepositoryErrors.CacheWriteFailed(_options.CacheDirectory, e);
        }
    }
}
