using FluentValidation;

namespace Diecast.Api.Journal;

internal static class JournalRules
{
    public const int MaxTags = 10;

    public static IRuleBuilderOptions<T, List<string>> Tags<T>(this IRuleBuilder<T, List<string>> rule) => rule
        .Must(tags => tags.Count <= MaxTags).WithMessage($"tags must hold at most {MaxTags} tags.")
        .Must(tags => tags.Distinct(StringComparer.Ordinal).Count() == tags.Count).WithMessage("tags must name each tag once.");

    public static IRuleBuilderOptions<T, string> Tag<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().MaximumLength(40).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("{PropertyName} must be lower-case words joined by hyphens, e.g. \"new-arrivals\".");
}

public sealed class CreateJournalEntryInputValidator : InputValidator<CreateJournalEntryInput>
{
    public CreateJournalEntryInputValidator()
    {
        RuleFor(i => i.Slug).Slug();
        RuleFor(i => i.Title).Text(200);
        RuleFor(i => i.Excerpt).Text(1000);
        RuleFor(i => i.Body).NotEmpty().MaximumLength(100_000);
        RuleFor(i => i.CoverImage!).HttpsUrl().When(i => i.CoverImage is not null);
        RuleFor(i => i.Tags).Tags();
        RuleForEach(i => i.Tags).Tag();
        RuleFor(i => i.Author).Text(120);
    }
}

public sealed class UpdateJournalEntryInputValidator : InputValidator<UpdateJournalEntryInput>
{
    public UpdateJournalEntryInputValidator()
    {
        RuleFor(i => i.Slug!).Slug().When(i => i.Slug is not null);
        RuleFor(i => i.Title!).Text(200).When(i => i.Title is not null);
        RuleFor(i => i.Excerpt!).Text(1000).When(i => i.Excerpt is not null);
        RuleFor(i => i.Body!).NotEmpty().MaximumLength(100_000).When(i => i.Body is not null);
        RuleFor(i => i.CoverImage!).HttpsUrl().When(i => i.CoverImage is not null);
        RuleFor(i => i.Tags!).Tags().When(i => i.Tags is not null);
        RuleForEach(i => i.Tags).Tag().When(i => i.Tags is not null);
        RuleFor(i => i.Author!).Text(120).When(i => i.Author is not null);
    }
}
