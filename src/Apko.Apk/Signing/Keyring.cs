using System.Text;

namespace Apko.Apk.Signing;

/// <summary>
/// Immutable set of trusted RSA public keys, keyed by file name as <c>/etc/apk/keys</c> stores them. A signature
/// entry <c>.SIGN.RSA.&lt;name&gt;</c> finds its key by <c>&lt;name&gt;</c>, with or without the
/// <c>.rsa.pub</c> suffix on either side (proxies serve keys under names without it).
/// </summary>
public sealed class Keyring
{
    private const string KeySuffix = ".rsa.pub";

    private readonly Dictionary<string, ApkPublicKey> _keys;

    private Keyring(Dictionary<string, ApkPublicKey> keys)
    {
        _keys = keys;
    }

    /// <summary>A keyring without keys.</summary>
    public static Keyring Empty { get; } = new([]);

    /// <summary>The keys, sorted by name.</summary>
    public IReadOnlyList<ApkPublicKey> Keys =>
        [.. _keys.Values.OrderBy(key => key.Name, StringComparer.Ordinal)];

    /// <summary>Loads key files; each key is named after its file name.</summary>
    /// <param name="paths">Paths of PEM public key files.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ApkException">A file is missing, unreadable or contains no RSA public key.</exception>
    public static async Task<Keyring> LoadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var keyring = Empty;
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string pem;
            try
            {
                pem = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw SigningErrors.KeyFileUnreadable(path, exception);
            }

            keyring = keyring.WithKey(ApkPublicKey.FromPem(Path.GetFileName(path), pem));
        }

        return keyring;
    }

    /// <summary>Creates a keyring from PEM texts, for keys fetched over HTTP or taken from a lock file.</summary>
    /// <param name="keys">Pairs of key file name and PEM bytes.</param>
    /// <exception cref="ApkException">A text contains no RSA public key.</exception>
    public static Keyring FromPem(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> keys)
    {
        var keyring = Empty;
        foreach (var (name, pem) in keys)
        {
            keyring = keyring.WithKey(name, pem.Span);
        }

        return keyring;
    }

    /// <summary>Returns a keyring with one more key parsed from PEM bytes, replacing a key of the same name.</summary>
    /// <exception cref="ApkException">The bytes contain no RSA public key.</exception>
    public Keyring WithKey(string name, ReadOnlySpan<byte> pem) =>
        WithKey(ApkPublicKey.FromPem(name, Encoding.UTF8.GetString(pem)));

    /// <summary>Returns a keyring with one more key; a key of the same name is replaced.</summary>
    public Keyring WithKey(ApkPublicKey key)
    {
        var keys = new Dictionary<string, ApkPublicKey>(_keys, StringComparer.Ordinal)
        {
            [Normalize(key.Name)] = key,
        };
        return new Keyring(keys);
    }

    /// <summary>
    /// Finds a key by the name a signature entry carries, such as <c>melange.rsa.pub</c> or <c>melange</c>, or by
    /// the whole entry name, such as <c>.SIGN.RSA256.melange.rsa.pub</c>.
    /// </summary>
    public bool TryGetKey(string keyName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApkPublicKey? key)
    {
        if (keyName.StartsWith(ApkSignature.EntryPrefix, StringComparison.Ordinal)
            && ApkSignature.TryParseEntryName(keyName, out _, out var entryKeyName))
        {
            keyName = entryKeyName;
        }

        return _keys.TryGetValue(Normalize(keyName), out key);
    }

    private static string Normalize(string name) =>
        name.EndsWith(KeySuffix, StringComparison.Ordinal) ? name[..^KeySuffix.Length] : name;
}
