using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The bare model metadata of a documented query parameter, as ApiExplorer's own <c>EndpointModelMetadata</c> gives
/// minimal API parameters: OpenAPI generators read the model type from it, and nothing else of MVC's model binding.
/// </summary>
internal sealed class QueryParameterModelMetadata : ModelMetadata
{
    public QueryParameterModelMetadata(Type modelType)
        : base(ModelMetadataIdentity.ForType(modelType))
    {
    }

    public override IReadOnlyDictionary<object, object> AdditionalValues { get; } = ImmutableDictionary<object, object>.Empty;
    public override string? BinderModelName => null;
    public override Type? BinderType => null;
    public override BindingSource? BindingSource => BindingSource.Query;
    public override bool ConvertEmptyStringToNull => false;
    public override string? DataTypeName => null;
    public override string? Description => null;
    public override string? DisplayFormatString => null;
    public override string? DisplayName => null;
    public override string? EditFormatString => null;
    public override ModelMetadata? ElementMetadata => null;
    public override IEnumerable<KeyValuePair<EnumGroupAndName, string>>? EnumGroupedDisplayNamesAndValues => null;
    public override IReadOnlyDictionary<string, string>? EnumNamesAndValues => null;
    public override bool HasNonDefaultEditFormat => false;
    public override bool HideSurroundingHtml => false;
    public override bool HtmlEncode => false;
    public override bool IsBindingAllowed => true;
    public override bool IsBindingRequired => true;
    public override bool IsEnum => false;
    public override bool IsFlagsEnum => false;
    public override bool IsReadOnly => false;
    public override bool IsRequired => true;
    public override ModelBindingMessageProvider ModelBindingMessageProvider { get; } = new DefaultModelBindingMessageProvider();
    public override string? NullDisplayText => null;
    public override int Order => 0;
    public override string? Placeholder => null;
    public override ModelPropertyCollection Properties { get; } = new([]);
    public override IPropertyFilterProvider? PropertyFilterProvider => null;
    public override Func<object, object?>? PropertyGetter => null;
    public override Action<object, object?>? PropertySetter => null;
    public override bool ShowForDisplay => false;
    public override bool ShowForEdit => false;
    public override string? SimpleDisplayProperty => null;
    public override string? TemplateHint => null;
    public override bool ValidateChildren => false;
    public override IReadOnlyList<object> ValidatorMetadata { get; } = [];
}
