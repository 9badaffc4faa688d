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
        builder.Services.AddSingleton<AccountSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AccountSessions>());
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
                        // A disabled or reset account's tokens stop here, on every request, whatever their expiry.
                        var user = context.Principal!;
                        if (!context.HttpContext.RequestServices.GetRequiredService<AccountSessions>().Admits(user.Identity?.Name ?? "", user.SessionsOf()))
                        {
                            context.Fail("The session has ended: the account was disabled or its password reset.");
                            return Task.CompletedTask;
                        }
                        DashboardToken.Remember(context);
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder().AddCommandCenterPolicies();
    }
}
