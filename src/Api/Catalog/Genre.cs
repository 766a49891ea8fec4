namespace Diecast.Api.Catalog;

/// <summary>What kind of car a model depicts; a native PostgreSQL enum.</summary>
public enum Genre
{
    Racing,
    Supercar,
    Classic,
    Muscle,
    Jdm,
    Rally,
    OffRoad,
    MovieTv,
    Concept,
}
