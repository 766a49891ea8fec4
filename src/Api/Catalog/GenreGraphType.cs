namespace Diecast.Api.Catalog;

public sealed class GenreGraphType : EnumerationGraphType<Genre>
{
    public GenreGraphType()
    {
        Name = "Genre";
        Description = "What kind of car a model depicts.";
    }
}
