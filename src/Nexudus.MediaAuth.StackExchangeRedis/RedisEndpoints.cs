using System.Net;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Names the Redis endpoints the store connects to, for its failure log: only hosts and ports, never the password or
/// anything else of the configuration.
/// </summary>
internal static class RedisEndpoints
{
    /// <summary>Said in place of the endpoints a <see cref="RedisOneTimeTokenStoreOptions.ConnectionMultiplexerFactory"/> has not given yet.</summary>
    public const string FromFactory = "the connection of ConnectionMultiplexerFactory";

    public static string Describe(RedisOneTimeTokenStoreOptions options)
    {
        var configuration = options.ConfigurationOptions?.Clone()
            ?? (options.Configuration is { } text ? ConfigurationOptions.Parse(text) : null);
        if (configuration is null)
        {
            return FromFactory;
        }

        // As the connection will: an endpoint given without a port gets Redis' default one.
        configuration.SetDefaultPorts();
        return Describe(configuration.EndPoints);
    }

    public static string Describe(IEnumerable<EndPoint> endpoints) =>
        string.Join(", ", endpoints.Select(endpoint => endpoint switch
        {
            DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            _ => endpoint.ToString(),
        }));
}
