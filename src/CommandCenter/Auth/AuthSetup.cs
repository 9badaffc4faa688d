using CommandCenter.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Auth;

public static class AuthSetup
{
    public static void AddCommandCenterAuth(this WebApplicationBuilder builder, ISharedValues secrets)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        var key = TokenSigning.Load(options, secrets);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<BootstrapAdmin>();
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthOptions.Issuer,
                    ValidAudience = AuthOptions.Audience,
                    IssuerSigningKey = key,
                    NameClaimType = Claims.Subject,
                    RoleClaimType = Claims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                // Browsers cannot set headers on WebSockets: hubs take the token from the query string.
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                            context.Token = token;
                        DashboardToken.Read(context);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        DashboardToken.Remember(context);
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder().AddCommandCenterPolicies();
    }
}
