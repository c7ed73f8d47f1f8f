namespace Apko.Oci.Layers;

/// <summary>
/// The CRC-32 of gzip (RFC 1952; reflected polynomial 0xEDB88320), with <see cref="Combine"/> to join the checksums
/// of consecutive chunks computed in parallel.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    private static readonly uint[] s_table = CreateTable();
    private static readonly uint[] s_powers = CreatePowers();

    /// <summary>Continues a checksum over more bytes; start with 0.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        crc = ~crc;
        while (data.Length >= 8)
        {
            var low = crc ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
            crc = table[(7 * 256) + (low & 0xFF)] ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((low >> 16) & 0xFF)] ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + data[4]] ^ table[(2 * 256) + data[5]]
                ^ table[256 + data[6]] ^ table[data[7]];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>Returns the checksum of A followed by B from the checksum of A, the checksum of B and B's
    /// length.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        // CRC(A·B) = CRC(A)·x^(8·len(B)) mod P, xor CRC(B); the power is built from the table of x^(2^k).
        var power = 1u << 31;
        var k = 3;
        for (var n = lengthB; n != 0; n >>= 1, k++)
        {
            if ((n & 1) != 0)
            {
                power = Multiply(s_powers[k & 31], power);
            }
        }

        return Multiply(power, crcA) ^ crcB;
    }

    /// <summary>Multiplies two polynomials modulo P in the reflected bit order (bit 31 is x^0).</summary>
    private static uint Multiply(uint a, uint b)
    {
        uint product = 0;
        for (var bit = 31; bit >= 0; bit--)
        {
            if ((a & (1u << bit)) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

    private static uint[] CreatePowers()
    {
        var powers = new uint[32];
        powers[0] = 1u << 30;
        for (var k = 1; k < powers.Length; k++)
        {
            powers[k] = Multiply(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[i] = crc;
        }

        for (var i = 256; i < table.Length; i++)
        {
            var previous = table[i - 256];
            table[i] = (previous >> 8) ^ table[previous & 0xFF];
        }

        return table;
    }
}
