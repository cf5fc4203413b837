using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnboundedDictionaryCacheAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>How a class's DI registrations decide whether its plain dictionary lives as long as the process.</summary>
public sealed class UnboundedDictionaryCacheRegistrationTests
{
    [Fact]
    public Task Registrations_in_a_top_level_program_are_read_through_the_builder_a_type_pair_a_key_and_a_factory()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<VisitLedger>();
            builder.Services.AddSingleton(typeof(SessionLedger), typeof(SessionLedger));
            builder.Services.AddKeyedSingleton<DeviceLedger>("devices");
            builder.Services.AddScoped(_ => new RequestLedger());
            builder.AddSingleton<TenantLedger>();
            var app = builder.Build();
            app.Run();

            public sealed class VisitLedger
            {
                private readonly Dictionary<string, int> [|_visitsByUser|] = new();

                public void Count(string userId) => _visitsByUser[userId] = 1;
            }

            public sealed class SessionLedger
            {
                private readonly Dictionary<string, int> [|_hitsBySession|] = new();

                public void Count(string sessionId) => _hitsBySession[sessionId] = 1;
            }

            public sealed class DeviceLedger
            {
                private readonly Dictionary<string, int> [|_pingsByDevice|] = new();

                public void Count(string deviceId) => _pingsByDevice[deviceId] = 1;
            }

            public sealed class RequestLedger
            {
                private readonly Dictionary<string, int> _callsByUser = new();

                public void Count(string userId) => _callsByUser[userId] = 1;
            }

            public sealed class TenantLedger
            {
                private readonly Dictionary<string, int> _callsByTenant = new();

                public void Count(string tenantId) => _callsByTenant[tenantId] = 1;
            }

            public static class Toolkit
            {
                // Named like a registration method, but registers nothing with the container.
                public static WebApplicationBuilder AddSingleton<T>(this WebApplicationBuilder builder) => builder;
            }
            """);

    [Fact]
    public Task A_singleton_that_names_the_class_only_as_a_type_argument_of_its_base_does_not_lend_it_its_lifetime()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<LedgerFactory>();
            builder.Services.AddScoped<UserLedger>();
            var app = builder.Build();
            app.Run();

            public interface IFactory<T>
            {
            }

            public sealed class LedgerFactory : IFactory<UserLedger>
            {
            }

            public class UserLedger
            {
                private readonly Dictionary<string, int> _visitsByUser = new();

                public void Count(string userId) => _visitsByUser[userId] = 1;
            }
            """);

    [Fact]
    public Task Without_implicit_usings_a_registration_is_found_where_the_container_is_imported_or_its_namespace_declared()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;

            namespace Ledgers;

            public sealed class VisitLedger
            {
                private readonly Dictionary<string, int> [|_visitsByUser|] = new();

                public void Count(string userId) => _visitsByUser[userId] = 1;
            }

            public sealed class SessionLedger
            {
                private readonly Dictionary<string, int> [|_hitsBySession|] = new();

                public void Count(string sessionId) => _hitsBySession[sessionId] = 1;
            }
            """, TestProject.Library with { ImplicitUsingsEnabled = false, AdditionalSources = ["""
            using Ledgers;
            using Microsoft.Extensions.DependencyInjection;

            namespace Ledgers.Hosting;

            public static class LedgerRegistration
            {
                public static void Add(IServiceCollection services) => services.AddSingleton<VisitLedger>();
            }
            """, """
            namespace Microsoft.Extensions.DependencyInjection;

            public static class SessionLedgerServiceCollectionExtensions
            {
                public static IServiceCollection AddSessionLedger(this IServiceCollection services) => services.AddSingleton<Ledgers.SessionLedger>();
            }
            """] });

    [Fact]
    public Task An_open_generic_class_a_qualified_name_another_receiver_and_a_derived_class_that_is_itself_judged_take_their_registrations()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton(typeof(Ledgers.TenantLedger<>));
            Ledgers.LedgerRegistration.Add(builder.Services);
            builder.Services.AddSingleton<Ledgers.AuditLedger>();
            var app = builder.Build();
            app.Run();

            namespace Ledgers
            {
                public static class LedgerRegistration
                {
                    // A receiver not named as the service collection: the call is bound to know what it registers.
                    public static void Add(IServiceCollection collection) => collection.AddSingleton<VisitLedger>();
                }

                public sealed class TenantLedger<TTenant>
                {
                    private readonly Dictionary<string, int> [|_callsByTenant|] = new();

                    public void Count(string tenantId) => _callsByTenant[tenantId] = 1;
                }

                public sealed class VisitLedger
                {
                    private readonly Dictionary<string, int> [|_visitsByUser|] = new();

                    public void Count(string userId) => _visitsByUser[userId] = 1;
                }

                public class UserLedger
                {
                    private readonly Dictionary<string, int> [|_loginsByUser|] = new();

                    public void Count(string userId) => _loginsByUser[userId] = 1;
                }

                // Registered itself, and the reason its base class lives as long as the process.
                public sealed class AuditLedger : UserLedger
                {
                    private readonly Dictionary<string, int> [|_auditsByUser|] = new();

                    public void Audit(string userId) => _auditsByUser[userId] = 1;
                }
            }
            """);

    [Fact]
    public Task A_look_alike_in_a_file_that_cannot_see_the_container_registers_nothing_and_a_generic_base_takes_its_derived_lifetime()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;

            namespace Ledgers;

            public sealed class PluginLedger
            {
                private readonly Dictionary<string, int> _loadsByUser = new();

                public void Count(string userId) => _loadsByUser[userId] = 1;
            }

            public abstract class Ledger<TEntry>
            {
                private readonly Dictionary<string, TEntry> [|_entriesByUser|] = new();

                public void Record(string userId, TEntry entry) => _entriesByUser[userId] = entry;
            }

            public sealed class PaymentLedger : Ledger<decimal>
            {
            }
            """, TestProject.Library with { ImplicitUsingsEnabled = false, AdditionalSources = ["""
            namespace Ledgers.Plugins;

            public sealed class PluginServices
            {
            }

            public static class PluginServicesExtensions
            {
                // Named like the container's method, on a type of the project's own, in a file that cannot see the container.
                public static PluginServices AddSingleton<T>(this PluginServices services) => services;

                public static void Register(PluginServices services) => services.AddSingleton<PluginLedger>();
            }
            """, """
            using Microsoft.Extensions.DependencyInjection;

            namespace Ledgers.Hosting;

            public static class LedgerRegistration
            {
                public static void Add(IServiceCollection services) => services.AddSingleton<PaymentLedger>();
            }
            """] });

    [Fact]
    public Task A_derived_class_is_found_by_a_base_list_that_names_its_base_in_a_file_that_cannot_register_and_counts_only_when_that_base_is_the_owner()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;

            namespace Ledgers.Core;

            public class VisitLedger
            {
                private readonly Dictionary<string, int> [|_visitsByUser|] = new();

                public void Count(string userId) => _visitsByUser[userId] = 1;
            }

            public class LoginLedger
            {
                private readonly Dictionary<string, int> _loginsByUser = new();

                public void Count(string userId) => _loginsByUser[userId] = 1;
            }
            """, TestProject.Library with { ImplicitUsingsEnabled = false, AdditionalSources = ["""
            namespace Ledgers.Other;

            public class LoginLedger
            {
            }

            // Derives from a class of the same name in another namespace.
            public sealed class ShadowLedger : LoginLedger
            {
            }

            public sealed class TenantLedger() : Ledgers.Core.VisitLedger()
            {
            }
            """, """
            using Microsoft.Extensions.DependencyInjection;

            namespace Ledgers.Hosting;

            public static class LedgerRegistration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton<Ledgers.Other.TenantLedger>();
                    services.AddSingleton<Ledgers.Other.ShadowLedger>();
                }
            }
            """] });

    [Fact]
    public Task A_hosted_service_lives_as_long_as_the_process_wherever_it_is_registered()
        => Verify.VerifyAsync("""
            // No registration here: the host project adds it with AddHostedService, and the host creates it once.
            public sealed class PresencePoller : BackgroundService
            {
                private readonly Dictionary<string, DateTime> [|_lastSeenByDevice|] = new();

                public void Seen(string deviceId) => _lastSeenByDevice[deviceId] = DateTime.UtcNow;

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }

            public sealed class PresenceReport
            {
                private readonly Dictionary<string, DateTime> _lastSeenByDevice = new();

                public void Seen(string deviceId) => _lastSeenByDevice[deviceId] = DateTime.UtcNow;
            }

            // A plugin contract of the same name is not the host's.
            public sealed class PresencePlugin : Plugins.IHostedService
            {
                private readonly Dictionary<string, DateTime> _lastSeenByDevice = new();

                public void Seen(string deviceId) => _lastSeenByDevice[deviceId] = DateTime.UtcNow;
            }

            namespace Plugins
            {
                public interface IHostedService
                {
                }
            }
            """, TestProject.Library);

    [Fact]
    public Task A_background_service_whose_package_is_not_restored_is_still_long_lived()
        => Verify.VerifyBrokenAsync("""
            using System;
            using System.Collections.Generic;

            public sealed class PresencePoller : BackgroundService
            {
                private readonly Dictionary<string, DateTime> [|_lastSeenByDevice|] = new();

                public void Seen(string deviceId) => _lastSeenByDevice[deviceId] = DateTime.UtcNow;
            }
            """, TestProject.Library with { AspNetCore = false });

    [Fact]
    public Task A_singleton_nested_derived_class_lends_its_lifetime_to_every_base_class_above_it()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<IAudit, Ledgers.Outer.TenantAudit>();
            var app = builder.Build();
            app.Run();

            public interface IAudit
            {
            }

            namespace Ledgers
            {
                public abstract class AuditBase
                {
                    private readonly Dictionary<string, int> [|_auditsByUser|] = new();

                    public void Audit(string userId) => _auditsByUser[userId] = 1;
                }

                public class UserAudit : AuditBase
                {
                    private readonly Dictionary<string, int> [|_loginsByUser|] = new();

                    public void Login(string userId) => _loginsByUser[userId] = 1;
                }

                public static class Outer
                {
                    public sealed class TenantAudit : UserAudit, IAudit;
                }
            }
            """);
}
