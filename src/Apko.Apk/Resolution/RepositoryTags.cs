namespace Apko.Apk.Resolution;

/// <summary>
/// Repository tags (pinning names) and the repositories each one allows, as bit masks over the configured
/// repository list. Tag 0 is the default tag, which allows every untagged repository.
/// </summary>
internal sealed class RepositoryTags
{
    public const int DefaultTag = 0;
    public const ulong DefaultPinningMask = 1;

    private readonly List<string?> _names = [null];
    private readonly List<ulong> _allowedRepositories = [0];

    public int Count => _names.Count;

    /// <summary>Registers repository number <paramref name="repository"/> under its tag, or the default tag.</summary>
    public void AddRepository(int repository, string? tag)
    {
        var id = GetOrAdd(tag);
        _allowedRepositories[id] |= 1UL << repository;
    }

    /// <summary>Returns the id of a tag, adding it without repositories when no repository carries it.</summary>
    public int GetOrAdd(string? tag)
    {
        var id = _names.IndexOf(tag);
        if (id >= 0)
        {
            return id;
        }

        if (_names.Count == 64)
        {
            throw new ApkException(
                "APKO3002",
                $"Repository tag '@{tag}' cannot be added: at most 64 tags are supported. Use fewer repository tags.");
        }

        _names.Add(tag);
        _allowedRepositories.Add(0);
        return _names.Count - 1;
    }

    /// <summary>Returns the id of a tag, or -1 when no repository or installed package carries it.</summary>
    public int Find(string? tag) => _names.IndexOf(tag);

    public string? GetName(int id) => _names[id];

    public ulong GetAllowedRepositories(int id) => _allowedRepositories[id];

    /// <summary>
    /// Returns the repositories allowed by any tag whose bit is set in <paramref name="pinningMask"/>.
    /// </summary>
    public ulong GetAllowedRepositories(ulong pinningMask)
    {
        ulong repositories = 0;
        for (var id = 0; id < _names.Count; id++)
        {
            if ((pinningMask & (1UL << id)) != 0)
            {
                repositories |= _allowedRepositories[id];
            }
        }

        return repositories;
    }

    /// <summary>
    /// Returns the first tag of <paramref name="pinningMask"/> that allows one of <paramref name="repositories"/>.
    /// </summary>
    public int FindTag(ulong pinningMask, ulong repositories)
    {
        for (var id = 0; id < _names.Count; id++)
        {
            if ((pinningMask & (1UL << id)) != 0 && (_allowedRepositories[id] & repositories) != 0)
            {
                return id;
            }
        }

        return DefaultTag;
    }
}
