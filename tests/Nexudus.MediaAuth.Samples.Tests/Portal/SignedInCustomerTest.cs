using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// A test class whose tests each start with a fresh sample server and Ada signed in with a bearer token.
/// </summary>
public abstract class SignedInCustomerTest : IAsyncLifetime
{
    protected SampleServer Server { get; private set; } = null!;

    protected string Bearer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SampleServer.StartAsync();
        Bearer = await Server.SignInAsync(DemoData.Ada);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
