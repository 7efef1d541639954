namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// One <see cref="RedisServer"/> shared by the tests of a class. Where Redis tests are skipped, no server is started
/// and <see cref="Server"/> says why.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException(RedisServer.UnavailableReason + " CI=true requires it.");

    public async Task InitializeAsync()
    {
        if (RedisServer.UnavailableReason is null)
        {
            _server = await RedisServer.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
