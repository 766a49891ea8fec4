using FluentValidation;

namespace Diecast.Api.Catalog;

/// <summary>What a product's own fields must look like, shared by create (every field) and update (the fields given).</summary>
internal static class ProductRules
{
    public const int MaxImages = 20;

    /// <summary>From 1885, the first car, to two years ahead of <paramref name="time"/>, read at each validation.</summary>
    public static IRuleBuilderOptions<T, int> Year<T>(this IRuleBuilder<T, int> rule, TimeProvider time) => rule
        .Must(year => year >= 1885 && year <= time.GetUtcNow().Year + 2).WithMessage("year must be between 1885 (the first car) and two years from now.");

    public static IRuleBuilderOptions<T, string> Scale<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().Matches("^1:[1-9][0-9]{0,2}$").WithMessage("scale must be written 1:N, e.g. \"1:18\" or \"1:64\".");

    public static IRuleBuilderOptions<T, decimal> Price<T>(this IRuleBuilder<T, decimal> rule) => rule
        .GreaterThan(0).WithMessage("price must be more than zero.")
        .PrecisionScale(12, 2, ignoreTrailingZeros: true).WithMessage("price must have at most two decimals (paise) and ten digits of rupees.");

    public static IRuleBuilderOptions<T, List<string>> Images<T>(this IRuleBuilder<T, List<string>> rule) => rule
        .Must(images => images.Count <= MaxImages).WithMessage($"images must hold at most {MaxImages} URLs.");
}

public sealed class CreateProductInputValidator : InputValidator<CreateProductInput>
{
    public CreateProductInputValidator(TimeProvider time)
    {
        RuleFor(i => i.Slug).Slug();
        RuleFor(i => i.Name).Text(200);
        RuleFor(i => i.Brand).Text(80);
        RuleFor(i => i.Make).Text(80);
        RuleFor(i => i.Model).Text(120);
        RuleFor(i => i.Year).Year(time);
        RuleFor(i => i.Scale).Scale();
        RuleFor(i => i.Genre).IsInEnum();
        RuleFor(i => i.Status).IsInEnum();
        RuleFor(i => i.Description).NotEmpty().MaximumLength(8000);
        RuleFor(i => i.Price).Price();
        RuleFor(i => i.StockQuantity).InclusiveBetween(0, 1_000_000);
        RuleFor(i => i.Images).Images();
        RuleForEach(i => i.Images).HttpsUrl();
        RuleFor(i => i.VideoUrl!).HttpsUrl().When(i => i.VideoUrl is not null);
    }
}

public sealed class UpdateProductInputValidator : InputValidator<UpdateProductInput>
{
    public UpdateProductInputValidator(TimeProvider time)
    {
        RuleFor(i => i.Slug!).Slug().When(i => i.Slug is not null);
        RuleFor(i => i.Name!).Text(200).When(i => i.Name is not null);
        RuleFor(i => i.Brand!).Text(80).When(i => i.Brand is not null);
        RuleFor(i => i.Make!).Text(80).When(i => i.Make is not null);
        RuleFor(i => i.Model!).Text(120).When(i => i.Model is not null);
        RuleFor(i => i.Year!.Value).Year(time).When(i => i.Year is not null).OverridePropertyName(nameof(UpdateProductInput.Year));
        RuleFor(i => i.Scale!).Scale().When(i => i.Scale is not null);
        RuleFor(i => i.Description!).NotEmpty().MaximumLength(8000).When(i => i.Description is not null);
        RuleFor(i => i.Price!.Value).Price().When(i => i.Price is not null).OverridePropertyName(nameof(UpdateProductInput.Price));
        RuleFor(i => i.Images!).Images().When(i => i.Images is not null);
        RuleForEach(i => i.Images).HttpsUrl().When(i => i.Images is not null);
        RuleFor(i => i.VideoUrl!).HttpsUrl().When(i => i.VideoUrl is not null);
    }
}

public sealed class AdjustStockInputValidator : InputValidator<AdjustStockInput>
{
    public AdjustStockInputValidator()
    {
        RuleFor(i => i.Delta).NotEqual(0).WithMessage("delta must not be zero.").InclusiveBetween(-1_000_000, 1_000_000);
        RuleFor(i => i.Reason).Text(StockAdjustmentRules.MaxReasonLength);
    }
}

public static class StockAdjustmentRules
{
    public const int MaxReasonLength = 500;
}
