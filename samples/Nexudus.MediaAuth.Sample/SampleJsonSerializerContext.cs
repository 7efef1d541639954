using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.Sample;

[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TokenError))]
[JsonSerializable(typeof(IReadOnlyList<CustomerFile>))]
internal sealed partial class SampleJsonSerializerContext : JsonSerializerContext;
