namespace Apko.Locking;

/// <summary>One repository for one architecture in a lock file.</summary>
/// <param name="Name">The repository without its scheme and tag, then <c>/</c> and the architecture.</param>
/// <param name="Url">The repository without its tag, then <c>/&lt;arch&gt;/APKINDEX.tar.gz</c>.</param>
/// <param name="Architecture">The APK architecture name, such as <c>x86_64</c>.</param>
internal sealed record LockRepository(string Name, string Url, string Architecture);
