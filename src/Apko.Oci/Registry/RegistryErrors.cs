using System.Net;

namespace Apko.Oci.Registry;

/// <summary>Codes and message texts of registry errors, one method per message.</summary>
internal static class RegistryErrors
{
    public const string InvalidReferenceCode = "APKO5001";
    public const string RequestFailedCode = "APKO5002";
    public const string UnreachableCode = "APKO5003";
    public const string DigestMismatchCode = "APKO5004";
    public const string TokenRequestFailedCode = "APKO5005";
    public const string UnsupportedChallengeCode = "APKO5006";
    public const string CredentialHelperFailedCode = "APKO5007";
    public const string DockerConfigInvalidCode = "APKO5008";
    public const string LayoutInvalidCode = "APKO5009";
    public const string InvalidResponseCode = "APKO5010";
    public const string DockerConfigWriteFailedCode = "APKO5011";
    public const string NoTagsCode = "APKO5012";
    public const string ArtifactFileInvalidCode = "APKO5013";
    public const string ImageRefsWriteFailedCode = "APKO5014";

    public static string InvalidReference(string text, string problem) =>
        $"'{text}' is not a valid image reference: {problem}. Use REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST], " +
        "such as 'registry.example/app:1.0'.";

    public static string RequestFailed(RegistryFailure failure, string host, string repository)
    {
        var registryError = failure.RegistryErrorCode is null
            ? ""
            : $" ({failure.RegistryErrorCode}: {failure.RegistryErrorMessage})";
        return $"{failure.Method} {failure.Url} returned {(int)failure.StatusCode!} " +
            $"{ReasonPhrase(failure.StatusCode.Value)}{registryError}. {Hint(failure, host, repository)}";
    }

    public static string Unreachable(string method, string url, int attempts, string reason) =>
        $"{method} {url} failed after {attempts} attempt(s): {reason}. Check that the registry is running and " +
        "reachable, then retry.";

    public static string DigestMismatch(string method, string url, string expected, string actual) =>
        $"{method} {url} stored the content as '{actual}', but its digest is '{expected}'. " +
        "The registry changed the content; push to a registry that stores manifests unchanged.";

    public static string TokenRequestFailed(RegistryFailure failure, string host) =>
        $"The token request {failure.Method} {failure.Url} for '{host}' returned {(int)failure.StatusCode!} " +
        $"{ReasonPhrase(failure.StatusCode.Value)}" +
        (failure.RegistryErrorCode is null ? "" : $" ({failure.RegistryErrorCode}: {failure.RegistryErrorMessage})") +
        $". Check the credentials for '{host}'.";

    public static string TokenMissing(string url, string host) =>
        $"The token response of GET {url} for '{host}' has no 'token' or 'access_token'. " +
        "The token service is not compatible with the Docker registry token protocol.";

    public static string UnsupportedChallenge(string method, string url, string scheme) =>
        $"{method} {url} asks for '{scheme}' authentication, which is not supported. Only Basic and Bearer " +
        "authentication are supported.";

    public static string CredentialHelperFailed(string program, string host, string reason) =>
        $"The credential helper '{program}' failed for '{host}': {reason}. Check that '{program}' is installed and " +
        "works, or remove it from 'credHelpers' and 'credsStore' in the Docker config file.";

    public static string DockerConfigInvalid(string path, string reason) =>
        $"The Docker config file '{path}' is invalid: {reason}. Fix or remove the file, or log in again.";

    public static string DockerConfigWriteFailed(string path, string reason) =>
        $"Could not write the Docker config file '{path}': {reason}. Check that its directory is writable.";

    public static string LayoutInvalid(string path, string reason) =>
        $"The OCI image layout '{path}' is invalid: {reason}. Build the image again.";

    public static string BlobContentTooShort(string digest, long read, long size) =>
        $"The content of blob '{digest}' ended after {read} of the {size} bytes its descriptor declares. " +
        "Build the image again.";

    public static string InvalidResponse(string method, string url, string reason) =>
        $"{method} {url} returned an invalid response: {reason}. The registry does not follow the OCI " +
        "distribution specification.";

    public static string NoTags() =>
        "No tag was given to push the image to. Give at least one reference such as 'registry.example/app:1.0'.";

    public static string ArtifactFileInvalid(string path, string reason) =>
        $"The artifact file '{path}' cannot be pushed: {reason}. Check that the file exists and is readable.";

    public static string ImageRefsWriteFailed(string path, string reason) =>
        $"Could not write the image references file '{path}': {reason}. Check that its directory exists and is " +
        "writable.";

    private static string Hint(RegistryFailure failure, string host, string repository) => failure.StatusCode switch
    {
        HttpStatusCode.Unauthorized =>
            $"Check the credentials for '{host}' (run 'apko login {host}' or check the Docker config file).",
        HttpStatusCode.Forbidden => $"Check that the credentials for '{host}' may push to '{repository}'.",
        HttpStatusCode.NotFound => $"Check that the repository '{repository}' exists on '{host}'.",
        HttpStatusCode.TooManyRequests => $"'{host}' is limiting the request rate; wait and retry.",
        HttpStatusCode.RequestEntityTooLarge => $"'{host}' rejected the size of the content; check its upload limits.",
        HttpStatusCode.BadRequest when failure.RegistryErrorCode is "DIGEST_INVALID" or "SIZE_INVALID" =>
            "The content did not match its descriptor; build the image again.",
        HttpStatusCode.BadRequest when failure.RegistryErrorCode is "MANIFEST_BLOB_UNKNOWN" or "BLOB_UNKNOWN" =>
            "A blob the manifest refers to is missing from the repository; push the image again.",
        HttpStatusCode.BadRequest when failure.RegistryErrorCode is "MANIFEST_INVALID" or "TAG_INVALID" =>
            $"'{host}' does not accept this manifest; check that it supports OCI image manifests and indexes.",
        >= HttpStatusCode.InternalServerError => $"'{host}' failed to handle the request; retry later.",
        _ => $"Check the request against the documentation of '{host}'.",
    };

    private static string ReasonPhrase(HttpStatusCode status) =>
        status switch
        {
            HttpStatusCode.Unauthorized => "Unauthorized",
            HttpStatusCode.Forbidden => "Forbidden",
            HttpStatusCode.NotFound => "Not Found",
            HttpStatusCode.TooManyRequests => "Too Many Requests",
            HttpStatusCode.BadRequest => "Bad Request",
            HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
            HttpStatusCode.RequestEntityTooLarge => "Payload Too Large",
            HttpStatusCode.InternalServerError => "Internal Server Error",
            HttpStatusCode.BadGateway => "Bad Gateway",
            HttpStatusCode.ServiceUnavailable => "Service Unavailable",
            HttpStatusCode.GatewayTimeout => "Gateway Timeout",
            _ => status.ToString(),
        };
}
