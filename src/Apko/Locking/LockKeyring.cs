namespace Apko.Locking;

/// <summary>A key of a lock file's <c>keyring</c>.</summary>
/// <param name="Name">The key location without an <c>http://</c> or <c>https://</c> scheme.</param>
/// <param name="Url">The key location as configured.</param>
/// <param name="Content">The PEM text of the key; null in locks that did not record it.</param>
internal sealed record LockKeyring(string Name, string Url, string? Content);
