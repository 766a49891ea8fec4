using System.Linq.Expressions;
using Diecast.GraphQL.Querying.Paging;
using Diecast.GraphQL.Querying.Sorting;
using Microsoft.AspNetCore.DataProtection;

namespace Diecast.GraphQL.Querying.Tests.Paging;

public sealed class CursorCodecTests
{
    private static readonly CursorCodec Codec = new(new DataProtectionCursorProtector(DataProtectionProvider.Create("Diecast tests")));

    private static readonly SortKey[] Keys =
    [
        Key<Row, decimal>("price", r => r.Price, SortDirection.Descending),
        Key<Row, DateTime?>("seen", r => r.Seen, SortDirection.Ascending),
        Key<Row, string>("name", r => r.Name, SortDirection.Ascending),
        Key<Row, Colour>("colour", r => r.Colour, SortDirection.Ascending),
        Key<Row, double>("rank", r => r.Rank, SortDirection.Descending),
        Key<Row, int>("id", r => r.Id, SortDirection.Ascending),
    ];

    [Fact]
    public void Every_key_type_survives_the_round_trip_exactly()
    {
        object?[] values = [12345.60m, new DateTime(2026, 11, 25, 4, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567), "Zonda: R \"1:18\"", Colour.Blue, 0.1 + 0.2, 42];

        var decoded = Codec.Decode(Codec.Encode(Keys, values), Keys, "after");

        Assert.Equal(values, decoded);
        Assert.Equal("12345.60", ((decimal)decoded[0]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Nulls_survive_for_nullable_keys()
    {
        object?[] values = [1m, null, "a", Colour.Red, 1.0, 1];

        Assert.Equal(values, Codec.Decode(Codec.Encode(Keys, values), Keys, "after"));
    }

    [Fact]
    public void A_cursor_is_opaque()
    {
        var cursor = Codec.Encode(Keys, [9.99m, null, "secret-name", Colour.Red, 1.0, 7]);

        Assert.DoesNotContain("secret", cursor, StringComparison.Ordinal);
        Assert.DoesNotContain("price", cursor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("eyJhIjoxfQ")]
    public void A_cursor_this_server_did_not_issue_is_HC0078(string cursor)
    {
        var error = Assert.Throws<QueryArgumentError>(() => Codec.Decode(cursor, Keys, "before"));

        Assert.Equal("HC0078", error.Code);
        Assert.Equal("before", error.Extensions!["argument"]);
    }

    [Fact]
    public void A_cursor_for_another_ordering_does_not_open()
    {
        var cursor = Codec.Encode(Keys, [1m, null, "a", Colour.Red, 1.0, 1]);
        SortKey[] otherOrder = [Keys[0].Reversed(), .. Keys[1..]];

        Assert.Throws<QueryArgumentError>(() => Codec.Decode(cursor, otherOrder, "after"));
    }

    [Fact]
    public void A_cursor_from_another_key_ring_does_not_open()
    {
        var foreign = new CursorCodec(new DataProtectionCursorProtector(DataProtectionProvider.Create("Someone else")));
        var cursor = foreign.Encode(Keys, [1m, null, "a", Colour.Red, 1.0, 1]);

        Assert.Throws<QueryArgumentError>(() => Codec.Decode(cursor, Keys, "after"));
    }

    internal static SortKey Key<TSource, TKey>(string name, Expression<Func<TSource, TKey>> key, SortDirection direction) => new(name, key, direction);
}

public enum Colour
{
    Red,
    Green,
    Blue,
}

public sealed record Row(int Id, decimal Price, DateTime? Seen, string Name, Colour Colour, double Rank, bool Flag = false, int? Size = null);
