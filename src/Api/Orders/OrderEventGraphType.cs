using Diecast.Api.Security;

namespace Diecast.Api.Orders;

/// <summary>One entry of an order's timeline: who or what changed the order, when, and what happened.</summary>
public sealed class OrderEventGraphType : ObjectGraphType<OrderEvent>
{
    public OrderEventGraphType()
    {
        Name = "OrderEvent";
        Description = "One change to an order: what happened, who or what did it, and when. Timelines are append-only.";
        // Events quote amounts, payment ids and staff names: staff only, as the order itself.
        this.RequireAdmin();
        Field<NonNullGraphType<OrderEventKindGraphType>>("kind").Description("What happened.").Resolve(context => context.Source.Kind);
        Field<NonNullGraphType<OrderEventActorGraphType>>("actor").Description("Who or what made the change.").Resolve(context => context.Source.Actor);
        Field(e => e.ActorName, nullable: true).Description("The admin's name (their token's name) when actor is ADMIN; otherwise null.");
        Field(e => e.Message).Description("What happened, in a sentence; statuses are named as the API names them (PAID).");
        Field(e => e.OccurredAt).Description("When it happened (UTC).");
        Field(e => e.Data, nullable: true)
            .Description("The facts behind the message as a JSON object in a string (e.g. {\"from\":\"UNFULFILLED\",\"to\":\"FULFILLING\"}, Razorpay ids, amounts in rupees); null when there are none. Its keys depend on kind.");
    }
}
