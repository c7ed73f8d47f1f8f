namespace Apko.Oci.Registry;

/// <summary>
/// One request to a registry, described so that it can be sent again: after an authentication challenge or a
/// transient failure the content is created anew by <see cref="Content"/>.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Uri">Absolute URL.</param>
/// <param name="Repository">Repository the request acts on; it determines the token scope.</param>
internal sealed record RegistryRequest(HttpMethod Method, Uri Uri, RegistryRepository Repository)
{
    /// <summary>
    /// Actions of the token scope for <see cref="Repository"/>: <c>pull</c>, or <c>pull</c> and <c>push</c>.
    /// </summary>
    public bool Push { get; init; }

    /// <summary>Another repository of the same registry that the request reads from, as a blob mount does.</summary>
    public string? MountFrom { get; init; }

    /// <summary>Creates the request body; null for none.</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>Media types for the <c>Accept</c> header.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>
    /// False for requests that are unsafe to repeat on their own, such as a PATCH of an upload chunk; their callers
    /// retry the whole operation instead.
    /// </summary>
    public bool Retry { get; init; } = true;

    /// <summary>Returns the token scopes, such as <c>repository:app:pull,push</c>.</summary>
    public IReadOnlyList<string> Scopes()
    {
        var own = $"repository:{Repository.Name}:{(Push ? "pull,push" : "pull")}";
        return MountFrom is null ? [own] : [own, $"repository:{MountFrom}:pull"];
    }
}
