using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Diecast.Api.Security;

public static class SecurityRegistration
{
    /// <summary>The policy admin-only fields, arguments and mutations require.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>Bearer authentication with our own HS256 tokens, and the admin policy.</summary>
    public static WebApplicationBuilder AddDiecastSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section);
        services.AddSingleton(sp => SigningKey.Resolve(sp.GetRequiredService<IOptions<JwtOptions>>().Value, builder.Environment));
        services.AddSingleton<AccessTokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, SymmetricSecurityKey>((bearer, jwt, key) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = key,
                    // Only what we issue: no alg "none", no algorithm confusion.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = AccessTokenLifetime.ClockSkew,
                    NameClaimType = AccessTokenClaims.Name,
                    RoleClaimType = AccessTokenClaims.Role,
                };
                bearer.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                        if (AccessTokenLifetime.Refusal(context.SecurityToken, jwt.Value, time.GetUtcNow()) is { } refusal)
                        {
                            context.Fail(refusal);
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(DiecastRoles.Admin));

        // A missing key in Production is found at start, not at the first request.
        services.AddOptions<JwtOptions>().ValidateOnStart();
        // The key's own rules (present outside Development, long enough) say what is wrong in their message.
        services.AddSingleton<IValidateOptions<JwtOptions>>(new ValidateOptions<JwtOptions>(
            name: null,
            options =>
            {
                try
                {
                    return SigningKey.Resolve(options, builder.Environment) is not null;
                }
                catch (InvalidOperationException problem)
                {
                    throw new OptionsValidationException(Options.DefaultName, typeof(JwtOptions), [problem.Message]);
                }
            },
            failureMessage: "The JWT signing key is not valid."));
        return builder;
    }
}
