using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The ephemeral signing key of each scheme that runs in Development without one, made once per scheme for the life of
/// the process, so that a configuration reload, which rebuilds the options, keeps the links already handed out working.
/// </summary>
internal sealed class MediaTokenDevelopmentKeys
{
    public const string KeyId = "development-ephemeral";

    private readonly ConcurrentDictionary<string, SigningCredentials> _keys = new(StringComparer.Ordinal);

    /// <summary>The scheme's key; <paramref name="created"/> tells whether this call made it.</summary>
    public SigningCredentials GetOrCreate(string authenticationScheme, out bool created)
    {
        if (_keys.TryGetValue(authenticationScheme, out var existing))
        {
            created = false;
            return existing;
        }

        var credentials = new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MediaTokenKeyCheck.MinimumHmacKeyBytes)) { KeyId = KeyId },
            SecurityAlgorithms.HmacSha256);
        var kept = _keys.GetOrAdd(authenticationScheme, credentials);
        created = ReferenceEquals(kept, credentials);
        return kept;
    }
}
