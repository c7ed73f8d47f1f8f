using System.Runtime.CompilerServices;

namespace Apko.Apk.Resolution;

/// <summary>
/// Recent atom strings and the index names they refer to, one per slot chosen by the string's identity. A new atom
/// replaces the one in its slot, so the table never grows.
/// </summary>
internal sealed class AtomNameCache
{
    private const int SlotCount = 4096;

    private readonly (string? Atom, IndexName? Name)[] _slots = new (string?, IndexName?)[SlotCount];

    /// <summary>Returns the slot for <paramref name="atom"/>. The slot contains the atom only if it was cached before.
    /// </summary>
    public ref (string? Atom, IndexName? Name) Slot(string atom) =>
        ref _slots[RuntimeHelpers.GetHashCode(atom) & (SlotCount - 1)];
}
