namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A test class whose tests each start with a fresh <see cref="TestHost.StartPortalHostAsync"/> host and its customer
/// signed in with a bearer token.
/// </summary>
public abstract class PortalHostTest : IAsyncLifetime
{
    protected TestHost Server { get; private set; } = null!;

    protected string Bearer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestHost.StartPortalHostAsync();
        Bearer = Server.PortalCustomerToken();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
