using System.Security.Claims;
using Diecast.GraphQL.Server.Resolvers;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Server.Tests.Resolvers;

public sealed class ResolverDependenciesTests
{
    [Fact]
    public async Task A_per_resolver_dependency_is_made_for_each_resolver_and_disposed_when_it_is_done()
    {
        await using var services = new ServiceCollection().AddPerResolver(_ => new Connection()).BuildServiceProvider();
        Connection first, second;
        await using (var dependencies = new ResolverDependencies(new ResolveFieldContext { RequestServices = services }))
        {
            first = dependencies.Get<Connection>();
            await using (var sibling = new ResolverDependencies(new ResolveFieldContext { RequestServices = services }))
            {
                second = sibling.Get<Connection>();
            }

            Assert.False(first.Disposed);
        }

        Assert.NotSame(first, second);
        Assert.True(first.Disposed);
        Assert.True(second.Disposed);
    }

    [Fact]
    public async Task Other_dependencies_come_from_the_request_services()
    {
        await using var services = new ServiceCollection().AddSingleton<Connection>().BuildServiceProvider();
        await using var dependencies = new ResolverDependencies(new ResolveFieldContext { RequestServices = services });

        Assert.Same(services.GetRequiredService<Connection>(), dependencies.Get<Connection>());
    }

    [Fact]
    public async Task The_caller_is_the_request_s_user()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "asha")], "test"));
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var dependencies = new ResolverDependencies(new ResolveFieldContext { RequestServices = services, User = user });

        Assert.Same(user, dependencies.Get<ClaimsPrincipal>());
    }

    [Fact]
    public async Task A_resolver_that_returns_before_its_work_is_done_gets_request_services_and_the_caller_but_not_a_per_resolver_dependency()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "asha")], "test"));
        await using var services = new ServiceCollection().AddSingleton<Connection>().BuildServiceProvider();
        var context = new ResolveFieldContext { RequestServices = services, User = user };
        await using var perResolverServices = new ServiceCollection().AddPerResolver(_ => new Connection()).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<Connection>(), ResolverDependencies.Shared<Connection>(context));
        Assert.Same(user, ResolverDependencies.Shared<ClaimsPrincipal>(context));
        Assert.Throws<InvalidOperationException>(() => ResolverDependencies.Shared<Connection>(new ResolveFieldContext { RequestServices = perResolverServices }));
    }

    private sealed class Connection : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
