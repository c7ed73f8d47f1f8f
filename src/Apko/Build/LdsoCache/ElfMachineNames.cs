using System.Globalization;

namespace Apko.Build.LdsoCache;

/// <summary>Names of common ELF <c>e_machine</c> values, for error messages.</summary>
internal static class ElfMachineNames
{
    private static readonly Dictionary<ushort, string> s_names = new()
    {
        [2] = "SPARC (EM_SPARC, 2)",
        [3] = "x86 (EM_386, 3)",
        [8] = "MIPS (EM_MIPS, 8)",
        [20] = "PowerPC (EM_PPC, 20)",
        [21] = "PowerPC 64 (EM_PPC64, 21)",
        [22] = "s390 (EM_S390, 22)",
        [40] = "32-bit ARM (EM_ARM, 40)",
        [43] = "SPARC V9 (EM_SPARCV9, 43)",
        [62] = "x86-64 (EM_X86_64, 62)",
        [183] = "AArch64 (EM_AARCH64, 183)",
        [243] = "RISC-V (EM_RISCV, 243)",
        [258] = "LoongArch (EM_LOONGARCH, 258)",
    };

    /// <summary>Returns a name such as <c>32-bit ARM (EM_ARM, 40)</c>, or the bare number for unknown values.</summary>
    public static string Describe(ushort machine) =>
        s_names.TryGetValue(machine, out var name) ? name : machine.ToString(CultureInfo.InvariantCulture);
}
