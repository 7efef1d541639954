using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// The SHA-256 of a token, the key of the validation cache. The cache never holds a token itself, and a different
/// token cannot be made to share a digest with one that validated.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct MediaTokenDigest(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public static MediaTokenDigest Compute(ReadOnlySpan<byte> token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(token, hash);
        return MemoryMarshal.Read<MediaTokenDigest>(hash);
    }
}
