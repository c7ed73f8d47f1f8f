using Apko.Apk.Indexes;
using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>
/// A package of a <see cref="PackageIndex"/>: its metadata, the repositories that offer it and its parsed provides.
/// Dependencies are parsed on first use, so loading a large index stays cheap.
/// </summary>
internal sealed class IndexPackage
{
    private Dependency[]? _depends;

    public IndexPackage(int id, ApkPackage package)
    {
        Id = id;
        Package = package;
        Provides = ParseProvides(package);
        InstallIf = ParseAtoms(package, package.InstallIf, "i:");
    }

    public int Id { get; }

    public ApkPackage Package { get; }

    /// <summary>Bit mask of the configured repositories that offer this package.</summary>
    public ulong Repositories { get; set; }

    public bool IsInstalled { get; set; }

    /// <summary>Tag id the installed package was pinned to.</summary>
    public int InstalledTag { get; set; }

    /// <summary>Names this package provides besides its own, each with a version or null for a virtual name.</summary>
    public IReadOnlyList<(string Name, string? Version)> Provides { get; }

    public IReadOnlyList<Dependency> InstallIf { get; }

    /// <summary>Parsed <c>D:</c> atoms.</summary>
    /// <exception cref="ApkException">An atom is invalid.</exception>
    public IReadOnlyList<Dependency> Depends => _depends ??= ParseAtoms(Package, Package.Dependencies, "D:");

    private static (string Name, string? Version)[] ParseProvides(ApkPackage package)
    {
        if (package.Provides.Count == 0)
        {
            return [];
        }

        var provides = new (string, string?)[package.Provides.Count];
        for (var i = 0; i < provides.Length; i++)
        {
            var text = package.Provides[i];
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            provides[i] = equals < 0 ? (text, null) : (text[..equals], text[(equals + 1)..]);
        }

        return provides;
    }

    private static Dependency[] ParseAtoms(ApkPackage package, IReadOnlyList<string> atoms, string field)
    {
        if (atoms.Count == 0)
        {
            return [];
        }

        var parsed = new Dependency[atoms.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (!Dependency.TryParse(atoms[i], out var dependency))
            {
                throw new ApkException("APKO3003", ResolutionMessages.InvalidIndexAtom(package, field, atoms[i]));
            }

            parsed[i] = dependency;
        }

        return parsed;
    }
}
