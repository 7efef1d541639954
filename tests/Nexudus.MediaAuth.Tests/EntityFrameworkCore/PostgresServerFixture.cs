namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// One <see cref="PostgresServer"/> shared by the tests of a class, with the one-time token table created. Where
/// PostgreSQL tests are skipped, no server is started and <see cref="Database"/> says why.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException(PostgresServer.UnavailableReason + " CI=true requires it.");

    public async Task InitializeAsync()
    {
        if (PostgresServer.UnavailableReason is null)
        {
            _server = await PostgresServer.StartAsync();
            _database = await TestDatabase.PostgresAsync(_server);
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
