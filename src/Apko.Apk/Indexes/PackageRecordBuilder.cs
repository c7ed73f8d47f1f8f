using System.Text;

namespace Apko.Apk.Indexes;

/// <summary>
/// Collects the <c>X:value</c> fields of one APKINDEX record and builds the <see cref="ApkPackage"/> in one
/// allocation. Unknown field letters are ignored, as apk-tools ignores them.
/// </summary>
internal sealed class PackageRecordBuilder(string source, StringPool pool)
{
    private string? _name;
    private string? _version;
    private string _arch = "";
    private string? _checksum;
    private string _description = "";
    private string _url = "";
    private string _license = "";
    private string _origin = "";
    private string _maintainer = "";
    private string _commit = "";
    private long _size;
    private long _installedSize;
    private long _buildTime;
    private int _providerPriority;
    private int _replacesPriority;
    private string[] _dependencies = [];
    private string[] _provides = [];
    private string[] _installIf = [];
    private string[] _replaces = [];
    private int _firstLine;

    public bool IsEmpty => _firstLine == 0;

    public void Set(byte field, ReadOnlySpan<byte> value, int line)
    {
        if (_firstLine == 0)
        {
            _firstLine = line;
        }

        // Names and provides are nearly all unique within an index, so they skip the pool and its lookups.
        switch ((char)field)
        {
            case 'P': _name = Encoding.UTF8.GetString(value); break;
            case 'V': _version = pool.Get(value); break;
            case 'A': _arch = pool.Get(value); break;
            case 'C': _checksum = Encoding.UTF8.GetString(value); break;
            case 'T': _description = Encoding.UTF8.GetString(value); break;
            case 'U': _url = pool.Get(value); break;
            case 'L': _license = pool.Get(value); break;
            case 'o': _origin = pool.Get(value); break;
            case 'm': _maintainer = pool.Get(value); break;
            case 'c': _commit = pool.Get(value); break;
            case 'S': _size = ParseNumber(value, field, line); break;
            case 'I': _installedSize = ParseNumber(value, field, line); break;
            case 't': _buildTime = ParseNumber(value, field, line); break;
            case 'k': _providerPriority = (int)ParseNumber(value, field, line); break;
            case 'q': _replacesPriority = (int)ParseNumber(value, field, line); break;
            case 'D': _dependencies = SplitAtoms(value, pooled: true); break;
            case 'p': _provides = SplitAtoms(value, pooled: false); break;
            case 'i': _installIf = SplitAtoms(value, pooled: true); break;
            case 'r': _replaces = SplitAtoms(value, pooled: true); break;
        }
    }

    /// <summary>Returns the record's package and resets the builder for the next record.</summary>
    /// <exception cref="ApkException">The record has no name or version.</exception>
    public ApkPackage Build()
    {
        if (string.IsNullOrEmpty(_name) || string.IsNullOrEmpty(_version))
        {
            throw IndexErrors.MissingNameOrVersion(source, _firstLine);
        }

        var package = new ApkPackage
        {
            Name = _name,
            Version = _version,
            Arch = _arch,
            Checksum = _checksum,
            Size = _size,
            InstalledSize = _installedSize,
            Description = _description,
            Url = _url,
            License = _license,
            Origin = _origin,
            Maintainer = _maintainer,
            BuildTime = _buildTime,
            Commit = _commit,
            Dependencies = _dependencies,
            Provides = _provides,
            InstallIf = _installIf,
            Replaces = _replaces,
            ProviderPriority = _providerPriority,
            ReplacesPriority = _replacesPriority,
        };
        Reset();
        return package;
    }

    private void Reset()
    {
        _name = _version = _checksum = null;
        _arch = _description = _url = _license = _origin = _maintainer = _commit = "";
        _size = _installedSize = _buildTime = 0;
        _providerPriority = _replacesPriority = 0;
        _dependencies = _provides = _installIf = _replaces = [];
        _firstLine = 0;
    }

    private string[] SplitAtoms(ReadOnlySpan<byte> value, bool pooled)
    {
        value = value.Trim((byte)' ');
        if (value.IsEmpty)
        {
            return [];
        }

        var atoms = new string[value.Count((byte)' ') + 1];
        var count = 0;
        foreach (var range in value.Split((byte)' '))
        {
            var atom = value[range];
            if (!atom.IsEmpty)
            {
                atoms[count++] = pooled ? pool.Get(atom) : Encoding.UTF8.GetString(atom);
            }
        }

        return count == atoms.Length ? atoms : atoms[..count];
    }

    private long ParseNumber(ReadOnlySpan<byte> value, byte field, int line)
    {
        long number = 0;
        foreach (var digit in value)
        {
            if (digit is < (byte)'0' or > (byte)'9' || number > (long.MaxValue - 9) / 10)
            {
                throw IndexErrors.InvalidNumber(source, line, (char)field, Encoding.UTF8.GetString(value));
            }

            number = (number * 10) + (digit - '0');
        }

        return number;
    }
}
