using Microsoft.Extensions.Configuration;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// An in-memory configuration whose whole content can be replaced, raising the reload a changed appsettings.json or
/// secret store would.
/// </summary>
public sealed class ReloadableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public ReloadableConfiguration(IDictionary<string, string?> values) => Replace(values, reload: false);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Replace(IDictionary<string, string?> values) => Replace(values, reload: true);

    private void Replace(IDictionary<string, string?> values, bool reload)
    {
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        if (reload)
        {
            OnReload();
        }
    }
}
