using Diecast.GraphQL.Server.Relay;
using FluentValidation;
using Npgsql;

namespace Diecast.Api.Data;

/// <summary>An entity admins edit by global ID, with a unique slug and a row version (<c>xmin</c>).</summary>
public interface IEditableEntity
{
    int Id { get; }

    string Slug { get; }

    uint Version { get; }
}

/// <summary>What an update input carries besides its changes: which entity, the version the caller read, maybe a new slug.</summary>
public interface IVersionedUpdateInput
{
    string Id { get; }

    long Version { get; }

    string? Slug { get; }
}

/// <summary>
/// The steps the admin mutations of one kind of <see cref="IEditableEntity"/> share: decoding its global IDs, finding
/// it, checking its slug, the versioned update, and saving with the expected write failures reported as user errors.
/// </summary>
public sealed class EditableEntity<TEntity>
    where TEntity : class, IEditableEntity
{
    /// <summary>What messages call the entity: "No journal entry has this ID."</summary>
    public required string DisplayName { get; init; }

    /// <summary>The Node type its global IDs name, e.g. <c>Product</c>.</summary>
    public required string NodeTypeName { get; init; }

    /// <summary>The unique index on its slug, which decides when two writes race for one slug.</summary>
    public required string SlugIndex { get; init; }

    /// <summary>
    /// The tracked entity <paramref name="globalId"/> names, or the user error saying why there is none. Rows hidden by a
    /// query filter (archived products) are found only with <paramref name="includeHidden"/>.
    /// </summary>
    public async Task<(TEntity? Entity, MutationResult? Failure)> FindAsync(
        DiecastDbContext db, string globalId, CancellationToken cancellationToken, string field = "id", bool includeHidden = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!NodeId.TryDecodeInt(globalId, NodeTypeName, out var id))
        {
            return (null, MutationResult.NotAnId(DisplayName, field));
        }

        var rows = includeHidden ? db.Set<TEntity>().IgnoreQueryFilters() : db.Set<TEntity>();
        var entity = await rows.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return (entity, entity is null ? MutationResult.NotFound(DisplayName, globalId) : null);
    }

    /// <summary>Adds a new entity after validating its input and checking its slug is free; <paramref name="create"/> makes it from the input.</summary>
    public async Task<MutationResult> CreateAsync<TInput>(
        DiecastDbContext db, TInput input, string slug, IValidator<TInput> validator, Func<TInput, TEntity> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(create);
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        if (await SlugTakenAsync(db, slug, exceptId: null, cancellationToken))
        {
            return MutationResult.SlugTaken(DisplayName, slug);
        }

        var entity = create(input);
        db.Add(entity);
        return await SaveAsync(db, entity, globalId: null, cancellationToken);
    }

    /// <summary>
    /// The versioned update: find the entity the input names, refuse it if its version moved since the caller read it
    /// (so a concurrent change is never overwritten) or if the new slug is taken, apply the changes, and save.
    /// </summary>
    public async Task<MutationResult> UpdateAsync<TInput>(
        DiecastDbContext db, TInput input, IValidator<TInput> validator, Action<TEntity> apply, CancellationToken cancellationToken)
        where TInput : IVersionedUpdateInput
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(apply);
        if (!NodeId.TryDecodeInt(input.Id, NodeTypeName, out _))
        {
            return MutationResult.NotAnId(DisplayName);
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        var (entity, failure) = await FindAsync(db, input.Id, cancellationToken);
        if (entity is null)
        {
            return failure!;
        }

        if (entity.Version != input.Version)
        {
            return MutationResult.Conflict(DisplayName, input.Id);
        }

        if (input.Slug is { } slug && slug != entity.Slug && await SlugTakenAsync(db, slug, entity.Id, cancellationToken))
        {
            return MutationResult.SlugTaken(DisplayName, slug);
        }

        apply(entity);
        return await SaveAsync(db, entity, input.Id, cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="entity"/>'s changes, turning the two write failures a mutation expects into user errors:
    /// the row's version moved since it was read (a concurrent edit), or another row took the slug between the
    /// mutation's check and its write (the unique index decides). The payload is the entity as SaveChanges left it
    /// (generated keys and version read back by the same statement), so nothing is read after the commit: a committed
    /// change is never reported as a failure. A failure mid-save that leaves the outcome unknown is a
    /// <see cref="WriteOutcomeUnknownException"/>. A conflict names <paramref name="globalId"/>, the ID the caller sent, or
    /// for a new entity (null) the ID it was given.
    /// </summary>
    public async Task<MutationResult> SaveAsync(DiecastDbContext db, TEntity entity, string? globalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            await WriteOutcomeUnknownException.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
            return MutationResult.Success(entity);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MutationResult.Conflict(DisplayName, globalId ?? NodeId.Encode(NodeTypeName, entity.Id));
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique && unique.ConstraintName == SlugIndex)
        {
            return MutationResult.SlugTaken(DisplayName, entity.Slug);
        }
    }

    private static Task<bool> SlugTakenAsync(DiecastDbContext db, string slug, int? exceptId, CancellationToken cancellationToken) =>
        db.Set<TEntity>().IgnoreQueryFilters().AnyAsync(e => e.Slug == slug && e.Id != exceptId, cancellationToken);
}
