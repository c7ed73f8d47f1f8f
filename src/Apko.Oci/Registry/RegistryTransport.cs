using System.Net;
using System.Net.Http.Headers;
using Apko.Oci.Registry.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Apko.Oci.Registry;

/// <summary>
/// Sends registry requests through the caller's <see cref="HttpClient"/>: authorizes them, answers one 401
/// challenge per request, and repeats requests that may be repeated after 408, 429, 5xx and dropped connections.
/// </summary>
internal sealed class RegistryTransport
{
    private readonly RegistryClientOptions _options;
    private readonly RegistryAuthenticator _authenticator;

    public RegistryTransport(RegistryClientOptions options)
    {
        _options = options;
        Logger = options.Logger ?? NullLogger.Instance;
        _authenticator = new RegistryAuthenticator(options.HttpClient, options.Credentials, Logger);
    }

    public ILogger Logger { get; }

    public RetryPolicy Retry => _options.Retry;

    public Uri BaseUri(string registry) => RegistryEndpoint.BaseUri(registry, _options.PlainHttpRegistries);

    /// <summary>Sends a request and returns the response of the last attempt, whatever its status.</summary>
    /// <exception cref="RegistryException">No response arrived after the last attempt (APKO5003).</exception>
    public async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendAuthorizedAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
            {
                if (!request.Retry || attempt >= Retry.MaxAttempts)
                {
                    throw Unreachable(request, attempt, exception);
                }

                await DelayAsync(request, attempt, null, Describe(exception), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!request.Retry || attempt >= Retry.MaxAttempts || !IsTransient(response.StatusCode))
            {
                return response;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            var reason = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            response.Dispose();
            await DelayAsync(request, attempt, retryAfter, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the exception for an unexpected response, with the registry's error code and message.</summary>
    public async Task<RegistryException> CreateErrorAsync(
        RegistryRequest request,
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        var body = request.Method == HttpMethod.Head
            ? ""
            : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = RegistryErrorBody.Read(body);
        var failure = new RegistryFailure(
            request.Method.Method, RegistryEndpoint.Redact(request.Uri), response.StatusCode, code, message);
        var text = RegistryErrors.RequestFailed(failure, request.Repository.Registry, request.Repository.Name);
        return new RegistryException(RegistryErrors.RequestFailedCode, text, failure)
        {
            RetriesExhausted = request.Retry,
        };
    }

    /// <summary>Waits before the next attempt of an operation that failed with a transient error.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, _options.TimeProvider, cancellationToken);

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private async Task<HttpResponseMessage> SendAuthorizedAsync(
        RegistryRequest request,
        CancellationToken cancellationToken)
    {
        var registry = request.Repository.Registry;
        var header = await _authenticator.GetAuthorizationAsync(registry, request.Scopes(), cancellationToken)
            .ConfigureAwait(false);
        var response = await SendOnceAsync(request, header, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized ||
            AuthenticationChallenge.FromResponse(response) is not { } challenge)
        {
            return response;
        }

        var answer = await _authenticator.AcceptChallengeAsync(request, challenge, header, cancellationToken)
            .ConfigureAwait(false);
        if (answer is null)
        {
            return response;
        }

        response.Dispose();
        return await SendOnceAsync(request, answer, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        RegistryRequest request,
        AuthenticationHeaderValue? authorization,
        CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Content = request.Content?.Invoke();
        message.Headers.Authorization = authorization;
        foreach (var mediaType in request.Accept)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        var response = await _options.HttpClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (Logger.IsEnabled(LogLevel.Trace))
        {
            RegistryLog.Response(Logger, request.Method.Method, RegistryEndpoint.Redact(request.Uri),
                (int)response.StatusCode);
        }

        return response;
    }

    private async Task DelayAsync(
        RegistryRequest request,
        int attempt,
        TimeSpan? retryAfter,
        string reason,
        CancellationToken cancellationToken)
    {
        var delay = Retry.DelayAfter(attempt, retryAfter);
        RegistryLog.Retrying(Logger, request.Method.Method, RegistryEndpoint.Redact(request.Uri),
            (long)delay.TotalMilliseconds, reason, attempt + 1, Retry.MaxAttempts);
        await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    private static RegistryException Unreachable(RegistryRequest request, int attempts, Exception exception)
    {
        var url = RegistryEndpoint.Redact(request.Uri);
        var reason = exception is OperationCanceledException ? "the request timed out" : Describe(exception);
        return new RegistryException(
            RegistryErrors.UnreachableCode,
            RegistryErrors.Unreachable(request.Method.Method, url, attempts, reason),
            new RegistryFailure(request.Method.Method, url, null),
            exception)
        {
            RetriesExhausted = request.Retry,
        };
    }

    // HttpClient's own message is generic ("An error occurred while sending the request."); the inner socket or
    // stream exception says what happened, such as a refused or reset connection.
    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message.TrimEnd('.'));
            }
        }

        return string.Join(": ", messages);
    }

    // HttpClient reports its own timeout as a cancellation that the caller did not ask for.
    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException ||
        (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
