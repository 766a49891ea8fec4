using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.IntegrationTests.GraphQL.Relay;

public sealed class NodeLookupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Nodes_come_back_in_the_order_asked_with_one_query_per_type()
    {
        var productIds = (await TestSql.StringsAsync(api.ConnectionString, "SELECT id::text FROM products ORDER BY id DESC LIMIT 30")).Select(int.Parse).ToList();
        var entryIds = (await TestSql.StringsAsync(api.ConnectionString, "SELECT id::text FROM journal_entries WHERE is_published ORDER BY id LIMIT 3")).Select(int.Parse).ToList();
        var missing = NodeId.Encode("Product", 999_999);
        // Interleaved types, a repeat and an ID with no object.
        string[] ids =
        [
            .. productIds.Take(15).Select(id => NodeId.Encode("Product", id)),
            .. entryIds.Select(id => NodeId.Encode("JournalEntry", id)),
            missing,
            .. productIds.Skip(15).Select(id => NodeId.Encode("Product", id)),
            NodeId.Encode("Product", productIds[0]),
        ];
        using var client = api.CreateClient();
        api.Sql.Clear();

        var data = await client.QueryDataAsync("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", new { ids });
        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();

        Assert.Equal(ids.Length, nodes.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] == missing)
            {
                Assert.Equal(JsonValueKind.Null, nodes[i].ValueKind);
            }
            else
            {
                Assert.Equal(ids[i], nodes[i].GetProperty("id").GetString());
            }
        }

        Assert.Equal(2, api.Sql.Statements.Count);
    }

    [Theory]
    [InlineData("Product:007")]
    [InlineData("Product:+7")]
    [InlineData("Product: 7")]
    public async Task A_key_written_other_than_the_canonical_way_names_nothing(string rawId)
    {
        var id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(rawId));
        using var client = api.CreateClient();

        var data = await client.QueryDataAsync("query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }", new { id });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("node").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("nodes")[0].ValueKind);
    }

    [Fact]
    public async Task Drafts_are_not_nodes_for_the_public()
    {
        var draftId = int.Parse((await TestSql.StringsAsync(api.ConnectionString, "SELECT id::text FROM journal_entries WHERE NOT is_published ORDER BY id LIMIT 1")).Single(), System.Globalization.CultureInfo.InvariantCulture);
        var id = NodeId.Encode("JournalEntry", draftId);
        using var anonymous = api.CreateClient();
        using var admin = api.CreateAdminClient();
        const string Query = "query($id: ID!) { nodes(ids: [$id]) { id } }";

        var forPublic = await anonymous.QueryDataAsync(Query, new { id });
        var forAdmin = await admin.QueryDataAsync(Query, new { id });

        Assert.Equal(JsonValueKind.Null, forPublic.GetProperty("nodes")[0].ValueKind);
        Assert.Equal(id, forAdmin.GetProperty("nodes")[0].GetProperty("id").GetString());
    }
}
