using System.Formats.Tar;
using System.IO.Compression;
using Apko.Apk.Indexes;
using Apko.Apk.Resolution;
using Apko.Apk.Versions;
using BenchmarkDotNet.Attributes;

namespace Apko.Benchmarks;

/// <summary>
/// Resolution speed on real Alpine indexes: alpine-base against the Alpine 3.19.1 ISO index, and a 54-package
/// toolchain world against the Alpine 3.16 main index (about 5,000 packages), plus the cost of indexing the latter.
/// </summary>
[MemoryDiagnoser]
public class ResolverBenchmarks
{
    private static readonly Dependency[] s_alpineBaseWorld = [Dependency.Parse("alpine-base")];

    private static readonly Dependency[] s_toolchainWorld =
        [.. "busybox build-base python3 git openssh perl".Split(' ').Select(Dependency.Parse)];

    /// <summary>
    /// Names of Alpine 3.16 main left out of the nearly-whole world: each conflicts with another name of the
    /// repository, cannot be installed, or needs one of those. Found by resolving every name, removing the names each
    /// failure report lists, and repeating until the world resolved.
    /// </summary>
    private static readonly HashSet<string> s_excludedFromAlpine316 =
    [
        "acf-heimdal", "acf-postfix", "agetty", "agetty-openrc", "apcupsd", "aports-build", "bison", "boost1.77",
        "boost1.77-dev", "boost1.78", "boost1.78-dev", "byacc", "dhcp-server-ldap", "dhcp-server-vanilla",
        "dropbear", "dropbear-scp", "dropbear-ssh", "eudev-netifnames", "eudev-rule-generator", "groff", "heimdal",
        "heimdal-dev", "heimdal-su", "hylafax", "hylafaxplus", "hylafaxplus-lang", "icu", "icu-data-en",
        "icu-data-full", "icu-libs", "ifupdown", "ifupdown-ng", "krb5", "krb5-dev", "krb5-server", "libtirpc-dev",
        "linux-lts-dev", "linux-virt-dev", "llvm13-test-utils", "logcheck", "logtail", "mandoc-soelim", "mosh",
        "mosh-client", "musl-nscd-dev", "nagios-plugins", "nagios-plugins-by_ssh", "network-extras", "openrc",
        "openrc-dbg", "opensmtpd", "opensmtpd-doc", "opensmtpd-openrc", "opensmtpd-pam", "openssh",
        "openssh-client-common", "openssh-client-default", "openssh-client-krb5", "openssh-dbg", "openssh-keysign",
        "perl", "perl-dev", "perl-encode", "perl-test-harness-utils", "perl-utils", "postfix", "postfix-stone",
        "psmisc", "pssh", "pstree", "putty", "py3-setuptools", "py3-setuptools-stage0", "py3-sphinx",
        "py3-testtools", "rpcgen", "rpcsvc-proto", "rsnapshot", "sendpage", "spamassassin-compiler", "spandsp-dev",
        "spandsp3-dev", "sshfs", "ssmtp", "supervisor", "tiny-cloud-aws", "tiny-cloud-network", "util-linux-login",
        "vlan", "xen", "xen-dev"
    ];

    private Dependency[] _nearlyAllAlpine316 = [];
    private RepositoryIndex _alpine319 = null!;
    private RepositoryIndex _alpine316 = null!;
    private Resolver _alpine319Resolver = null!;
    private Resolver _alpine316Resolver = null!;

    [GlobalSetup]
    public void LoadIndexes()
    {
        _alpine319 = ReadIndex("alpine", "v3.19.1-iso", "x86_64", "APKINDEX.tar.gz");
        _alpine316 = ReadIndex("apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz");
        _alpine319Resolver = new Resolver([_alpine319]);
        _alpine316Resolver = new Resolver([_alpine316]);
        _nearlyAllAlpine316 =
        [
            .. _alpine316.Index.Packages.Select(package => package.Name).Distinct()
                .Where(name => !s_excludedFromAlpine316.Contains(name)).Select(Dependency.Parse),
        ];
    }

    [Benchmark]
    public int ResolveAlpineBase() => _alpine319Resolver.Resolve(s_alpineBaseWorld).Packages.Count;

    [Benchmark]
    public int ResolveToolchainAlpine316() => _alpine316Resolver.Resolve(s_toolchainWorld).Packages.Count;

    [Benchmark]
    public int IndexAndResolveToolchainAlpine316() => new Resolver([_alpine316]).Resolve(s_toolchainWorld).Packages.Count;

    /// <summary>What a build does: read and verify APKINDEX.tar.gz, index it, and resolve the toolchain world.</summary>
    [Benchmark]
    public async Task<int> LoadAndResolveToolchainAlpine316()
    {
        var path = Path.Combine(FindFixtures(), "apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz");
        var keyring = await Apko.Apk.Signing.Keyring.LoadAsync(
            [Path.Combine(FindFixtures(), "alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")],
            CancellationToken.None);
        var index = await ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Verified(keyring), CancellationToken.None);
        var repository = new RepositoryIndex(new Repository(Path.GetDirectoryName(path)!), "x86_64", index);
        return new Resolver([repository]).Resolve(s_toolchainWorld).Packages.Count;
    }

    /// <summary>The same work for 98 % of the repository: 4,838 names, which resolve to 4,857 packages.</summary>
    [Benchmark]
    public async Task<int> LoadAndResolveNearlyAllAlpine316()
    {
        var path = Path.Combine(FindFixtures(), "apko", "pkg", "apk", "apk", "testdata", "alpine-316", "APKINDEX.tar.gz");
        var keyring = await Apko.Apk.Signing.Keyring.LoadAsync(
            [Path.Combine(FindFixtures(), "alpine", "keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")],
            CancellationToken.None);
        var index = await ApkIndexReader.ReadAsync(path, ApkIndexReadOptions.Verified(keyring), CancellationToken.None);
        var repository = new RepositoryIndex(new Repository(Path.GetDirectoryName(path)!), "x86_64", index);
        return new Resolver([repository]).Resolve(_nearlyAllAlpine316).Packages.Count;
    }

    private static RepositoryIndex ReadIndex(params string[] fixturePath)
    {
        var path = Path.Combine([FindFixtures(), .. fixturePath]);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "APKINDEX" && entry.DataStream is { } data)
            {
                using var text = new StreamReader(data);
                var packages = ApkIndexTextReader.Read(text, path);
                return new RepositoryIndex(new Repository(Path.GetDirectoryName(path)!), "x86_64", new ApkIndex("", packages));
            }
        }

        throw new InvalidDataException($"'{path}' has no APKINDEX entry.");
    }

    /// <summary>Finds <c>../shared/fixtures</c> beside the repository root, the folder that holds <c>Apko.slnx</c>.</summary>
    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Apko.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            }
        }

        throw new DirectoryNotFoundException($"No Apko.slnx above '{AppContext.BaseDirectory}'.");
    }
}
