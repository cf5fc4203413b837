using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnboundedDictionaryCacheAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class UnboundedDictionaryCacheTests
{
    private static readonly TestProject Library = TestProject.Library;

    [Fact]
    public Task Static_ConcurrentDictionary_keyed_by_user_ids_is_reported()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class UserNameCache
            {
                private static readonly ConcurrentDictionary<string, string> [|Names|] = new();

                public static string Get(string userId, Func<string, string> load) => Names.GetOrAdd(userId, load);
            }
            """, Library);

    [Fact]
    public Task Static_memo_keyed_by_an_anonymous_string_argument_is_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using System.Text;

            public static class FormatCache
            {
                private static readonly ConcurrentDictionary<string, CompositeFormat> Formats = new();

                public static CompositeFormat Get(string format) => Formats.GetOrAdd(format, CompositeFormat.Parse);
            }
            """, Library);

    [Fact]
    public Task Readonly_Dictionary_of_a_singleton_written_through_the_indexer_under_a_lock_is_reported()
        => Verify.VerifyAsync("""
            public static class Registration
            {
                public static void AddRates(IServiceCollection services) => services.AddSingleton<ExchangeRates>();
            }

            public sealed class ExchangeRates
            {
                private readonly object _gate = new();
                private readonly Dictionary<(string From, string To, DateOnly Day), decimal> [|_rates|] = new();

                public decimal Get(string from, string to, DateOnly day, Func<decimal> load)
                {
                    lock (_gate)
                    {
                        if (!_rates.TryGetValue((from, to, day), out var rate))
                        {
                            rate = load();
                            _rates[(from, to, day)] = rate;
                        }

                        return rate;
                    }
                }
            }
            """, Library);

    [Fact]
    public Task Plain_Dictionary_of_a_singleton_keyed_by_user_ids_and_only_added_to_is_reported()
        => Verify.VerifyAsync("""
            public interface ILastSeen
            {
                void Touch(Guid userId);
            }

            public sealed class LastSeenTracker : ILastSeen
            {
                private readonly object _gate = new();
                private readonly Dictionary<Guid, DateTime> [|_lastSeen|] = new();

                public void Touch(Guid userId)
                {
                    lock (_gate)
                    {
                        _lastSeen[userId] = DateTime.UtcNow;
                    }
                }
            }

            public static class Registration
            {
                public static IServiceCollection AddTracking(this IServiceCollection services)
                    => services.AddSingleton<ILastSeen, LastSeenTracker>();
            }
            """, Library);

    [Fact]
    public Task Singleton_registered_with_a_factory_as_a_derived_class_or_as_a_hosted_service_counts()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using Microsoft.Extensions.Hosting;

            public class TokenLogBase
            {
                private readonly ConcurrentDictionary<string, int> [|_uses|] = new();

                public int Use(string token) => _uses.AddOrUpdate(token, 1, (_, n) => n + 1);
            }

            public sealed class TokenLog : TokenLogBase;

            public sealed class Poller : BackgroundService
            {
                private readonly ConcurrentDictionary<long, DateTime> [|_seen|] = new();

                public void Seen(long customerId) => _seen.TryAdd(customerId, DateTime.UtcNow);

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton(_ => new TokenLog());
                    services.AddHostedService<Poller>();
                }
            }
            """, Library);

    [Fact]
    public Task A_base_class_takes_the_lifetime_of_a_class_derived_from_it_a_few_levels_down_in_another_file()
        => Verify.VerifyAsync("""
            public abstract class VisitorLedgerBase
            {
                private readonly Dictionary<string, int> [|_visitsByUser|] = new();

                public void Count(string userId) => _visitsByUser[userId] = 1;
            }

            public abstract class RequestLedgerBase
            {
                private readonly Dictionary<string, int> _requestsByUser = new();

                public void Count(string userId) => _requestsByUser[userId] = 1;
            }
            """, Library with { AdditionalSources = ["""
            public class VisitorLedger : VisitorLedgerBase;

            public static class Outer
            {
                public sealed class TenantVisitorLedger : VisitorLedger;
            }

            public sealed class RequestLedger : RequestLedgerBase;

            public static class LedgerRegistration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton<Outer.TenantVisitorLedger>();
                    services.AddScoped<RequestLedger>();
                }
            }
            """] });

    [Fact]
    public Task Singleton_memo_keyed_by_configured_names_or_client_ids_is_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class AcquirerFactory
            {
                private readonly ConcurrentDictionary<string, Lazy<string>> _byScheme = new();
                private readonly Dictionary<string, string> _templates = new();

                public Lazy<string> Get(string authority, string clientId) => _byScheme.GetOrAdd($"{authority}/{clientId}", k => new Lazy<string>(() => k));

                public string Template(string templateName)
                {
                    if (!_templates.TryGetValue(templateName, out var text))
                    {
                        text = File.ReadAllText(templateName + ".hbs");
                        _templates[templateName] = text;
                    }

                    return text;
                }
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddSingleton<AcquirerFactory>();
            }
            """, Library);

    [Fact]
    public Task Same_dictionary_in_a_scoped_or_unregistered_service_is_silent()
        => Verify.VerifyAsync("""
            public sealed class PerRequestEligibility
            {
                private readonly Dictionary<Guid, bool> _byUser = new();

                public bool IsEligible(Guid userId, Func<Guid, bool> load)
                {
                    if (_byUser.TryGetValue(userId, out var known))
                    {
                        return known;
                    }

                    return _byUser[userId] = load(userId);
                }
            }

            public sealed class NotRegistered
            {
                private readonly Dictionary<Guid, bool> _byUser = new();

                public bool Get(Guid userId) => _byUser.TryGetValue(userId, out var v) ? v : (_byUser[userId] = true);
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddScoped<PerRequestEligibility>();
            }
            """, Library);

    [Fact]
    public Task Concurrent_map_of_a_class_the_library_never_registers_is_reported_because_the_host_shares_it()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class PrinterRegistry
            {
                private readonly ConcurrentDictionary<string, string> [|_driverByDevice|] = new();

                public void Remember(string deviceId, string driver) => _driverByDevice[deviceId] = driver;

                public string? DriverOf(string deviceId) => _driverByDevice.TryGetValue(deviceId, out var driver) ? driver : null;
            }

            public sealed class ScopedTracker
            {
                private readonly ConcurrentDictionary<string, int> _hitsByDevice = new();

                public void Hit(string deviceId) => _hitsByDevice.AddOrUpdate(deviceId, 1, (_, n) => n + 1);
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddScoped<ScopedTracker>();
            }
            """, Library);

    [Fact]
    public Task Time_windowed_keys_in_a_singleton_store_are_reported()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            public sealed record Window(DateTimeOffset Start);

            public sealed class InMemoryCounterStore
            {
                private readonly ConcurrentDictionary<string, int> [|_counters|] = new();

                public int Hit(string key, Window window)
                {
                    var bucket = $"{key}:{window.Start.UtcTicks}";
                    return _counters.AddOrUpdate(bucket, 1, (_, n) => n + 1);
                }
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.TryAddSingleton<InMemoryCounterStore>();
            }
            """, Library);

    [Fact]
    public Task Keys_from_configuration_this_objects_state_cultures_and_type_names_are_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using System.Globalization;

            public sealed class Balancer(string serviceName)
            {
                private static readonly Dictionary<string, int> LastIndex = new();
                private static readonly ConcurrentDictionary<string, string> Patterns = new();
                private static readonly ConcurrentDictionary<string, bool> Features = new();
                private static readonly ConcurrentDictionary<string, string> Names = new();

                public int Next(int count)
                {
                    LastIndex.TryGetValue(serviceName, out var last);
                    LastIndex[serviceName] = (last + 1) % count;
                    return last;
                }

                public string Pattern(CultureInfo culture) => Patterns.GetOrAdd(culture.TwoLetterISOLanguageName, c => c + "-MM-dd");

                public bool Feature() => Features.GetOrAdd(ConnectionString(), _ => true);

                public string Name(object instance, Guid userId) => Names.GetOrAdd(instance.GetType().FullName!, n => n);

                private string ConnectionString() => serviceName + ";pooling=true";
            }
            """, Library);

    [Fact]
    public Task Keys_checked_against_a_fixed_set_first_are_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Encoders
            {
                private static readonly HashSet<string> Known = ["h264", "hevc", "av1"];
                private static readonly ConcurrentDictionary<string, int> UsesByUser = new();
                private static readonly ConcurrentDictionary<string, int> UsesByClient = new();
                private static readonly ConcurrentDictionary<string, DateTime> LastUse = new();

                public static void Touch(string codec)
                {
                    if (Known.Contains(codec))
                    {
                        LastUse[codec] = DateTime.UtcNow; // a time stamp per key, but the keys are the known set
                    }
                }

                public static int Use(string userCodec)
                {
                    if (!Known.Contains(userCodec))
                    {
                        return 0;
                    }

                    return UsesByUser.AddOrUpdate(userCodec, 1, (_, n) => n + 1);
                }

                public static int Count(string clientCodec)
                    => clientCodec is "h264" or "hevc" ? UsesByClient.AddOrUpdate(clientCodec, 1, (_, n) => n + 1) : 0;
            }
            """, Library);

    [Fact]
    public Task Per_id_lock_pools_and_name_to_type_maps_are_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Locks
            {
                private static readonly ConcurrentDictionary<int, SemaphoreSlim> ByUser = new();
                private static readonly Dictionary<int, object> Gates = new();
                private static readonly ConcurrentDictionary<string, Type?> TypesByName = new();

                public static SemaphoreSlim For(int userId) => ByUser.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));

                public static object Gate(int userId)
                {
                    lock (Gates)
                    {
                        if (!Gates.ContainsKey(userId))
                        {
                            Gates[userId] = new object();
                        }

                        return Gates[userId];
                    }
                }

                public static Type? Resolve(string requestTypeName) => TypesByName.GetOrAdd(requestTypeName, Type.GetType);
            }
            """, Library);

    [Fact]
    public Task Nested_state_types_that_never_mention_the_field_do_not_hide_it()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class WindowStore
            {
                private readonly ConcurrentDictionary<string, Counter> [|_windows|] = new();

                public int Hit(string requestKey) => ++_windows.GetOrAdd(requestKey, _ => new Counter()).Count;

                private sealed class Counter
                {
                    public int Count;
                }
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services) => services.AddSingleton<WindowStore>();
            }
            """, Library);

    [Fact]
    public Task Request_ports_and_cancellation_tokens_do_not_make_a_key_per_request()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Hosts
            {
                private static readonly ConcurrentDictionary<int, string> ByPort = new();
                private static readonly ConcurrentDictionary<string, string> Variants = new();

                public static string Local(Uri requestUri) => ByPort.GetOrAdd(requestUri.Port, p => "localhost:" + p);

                public static string Variant(Func<CancellationToken, string> pick, CancellationToken cancellationToken)
                    => Variants.GetOrAdd(pick(cancellationToken), v => v);
            }
            """, Library);

    [Fact]
    public Task Dictionary_with_Remove_is_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class Sessions
            {
                private readonly ConcurrentDictionary<Guid, DateTime> _sessions = new();

                public void Start(Guid id) => _sessions[id] = DateTime.UtcNow;

                public void End(Guid id) => _sessions.TryRemove(id, out _);
            }
            """, Library);

    [Fact]
    public Task Dictionary_with_a_size_check_or_Clear_is_silent()
        => Verify.VerifyAsync("""
            public sealed class BoundedCache
            {
                private readonly Dictionary<string, byte[]> _items = new();
                private static readonly Dictionary<string, int> Counters = new();

                public void Put(string key, byte[] value)
                {
                    if (_items.Count >= 1000)
                    {
                        return;
                    }

                    _items.Add(key, value);
                }

                public static void Hit(string key) => Counters[key] = Counters.GetValueOrDefault(key) + 1;

                public static void Reset() => Counters.Clear();
            }
            """, Library);

    [Fact]
    public Task Lookup_table_filled_in_the_constructor_is_silent()
        => Verify.VerifyAsync("""
            public sealed class CountryCodes
            {
                private static readonly Dictionary<string, string> Codes = new() { ["FR"] = "France" };
                private readonly Dictionary<string, int> _ordinals = new();

                static CountryCodes() => Codes.Add("DE", "Germany");

                public CountryCodes(IEnumerable<string> names)
                {
                    foreach (var name in names)
                    {
                        _ordinals[name] = _ordinals.Count;
                    }
                }

                public string? Find(string code) => Codes.TryGetValue(code, out var name) ? name : null;
            }
            """, Library);

    [Fact]
    public Task Keys_from_a_bounded_domain_are_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using System.Reflection;

            public enum Currency { Eur, Usd }

            public static class ReflectionCache
            {
                private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
                private static readonly ConcurrentDictionary<MethodInfo, string> Names = new();
                private static readonly ConcurrentDictionary<Currency, string> Symbols = new();

                public static PropertyInfo[] Get(Type type) => Properties.GetOrAdd(type, t => t.GetProperties());

                public static string Name(MethodInfo method) => Names.GetOrAdd(method, m => m.Name);

                public static string Symbol(Currency currency) => Symbols.GetOrAdd(currency, c => c.ToString());
            }
            """, Library);

    [Fact]
    public Task Registry_written_in_one_member_and_read_in_another_is_silent()
        => Verify.VerifyAsync("""
            public static class HandlerRegistry
            {
                private static readonly Dictionary<string, Type> Handlers = new(StringComparer.Ordinal);

                public static void Register(string name, Type handler) => Handlers[name] = handler;

                public static Type? Find(string name) => Handlers.TryGetValue(name, out var handler) ? handler : null;
            }
            """, Library);

    [Fact]
    public Task Field_that_leaves_the_type_is_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class Registry
            {
                private readonly ConcurrentDictionary<string, object> _handlers = new();

                public void Register(string name, object handler) => _handlers[name] = handler;

                public IReadOnlyDictionary<string, object> Snapshot() => _handlers;
            }
            """, Library);

    [Fact]
    public Task Public_static_maps_that_other_classes_fill_per_login_are_reported_even_when_a_logout_removes_an_expiring_entry()
        => Verify.VerifyAsync("""
            public static class SessionRegistry
            {
                public static Dictionary<string, string> [|ByToken|] = new();

                public static Dictionary<string, DateTime> [|Expiries|] = new();

                public static Dictionary<string, string> Labels = new();
            }

            public sealed class LoginEndpoint
            {
                public string Login(string userName)
                {
                    var sessionToken = Guid.NewGuid().ToString("N");
                    SessionRegistry.ByToken[sessionToken] = userName;
                    SessionRegistry.Expiries[sessionToken] = DateTime.UtcNow.AddMinutes(5);
                    return sessionToken;
                }

                public void Logout(string sessionToken) => SessionRegistry.Expiries.Remove(sessionToken);

                public void Rename(string key, string label) => SessionRegistry.Labels[key] = label;
            }
            """, Library);

    [Fact]
    public Task Expiring_entries_removed_only_by_a_sweep_over_the_map_are_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class ApiKeys
            {
                private static readonly ConcurrentDictionary<string, DateTimeOffset> Issued = new();

                public static string Issue()
                {
                    var apiToken = Guid.NewGuid().ToString("N");
                    Issued[apiToken] = DateTimeOffset.UtcNow.AddHours(1);
                    return apiToken;
                }

                public static void Revoke(string apiToken) => Issued.TryRemove(apiToken, out _);

                public static void Sweep()
                {
                    foreach (var pair in Issued)
                    {
                        if (pair.Value < DateTimeOffset.UtcNow)
                        {
                            Issued.TryRemove(pair.Key, out _);
                        }
                    }
                }
            }
            """, Library);

    [Fact]
    public Task Throttle_map_that_stamps_the_last_send_time_per_caller_supplied_key_is_reported()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class SendThrottle
            {
                public static ConcurrentDictionary<string, DateTimeOffset> [|LastSent|] = new();

                public static async Task SendAsync(Func<Task> send, string key, int seconds)
                {
                    if (LastSent.TryGetValue(key, out var last) && (DateTimeOffset.Now - last).TotalSeconds < seconds)
                    {
                        return;
                    }

                    LastSent.AddOrUpdate(key, _ => DateTimeOffset.Now, (_, _) => DateTimeOffset.Now);
                    await send();
                }
            }
            """, Library);

    [Fact]
    public Task Map_the_constructor_loads_from_a_store_is_a_mirror_and_stays_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed record Preference(string DeviceId, string Label);

            public interface IPreferenceStore
            {
                IEnumerable<Preference> All();

                void Save(Preference preference);
            }

            public sealed class Preferences
            {
                private readonly IPreferenceStore _store;
                private readonly ConcurrentDictionary<string, Preference> _byDevice = new();

                public Preferences(IPreferenceStore store)
                {
                    _store = store;
                    foreach (var preference in store.All())
                    {
                        _byDevice.TryAdd(preference.DeviceId, preference);
                    }
                }

                public void Rename(string deviceId, string label)
                {
                    var preference = new Preference(deviceId, label);
                    _store.Save(preference);
                    _byDevice[deviceId] = preference;
                }
            }
            """, Library);

    [Fact]
    public Task A_same_named_member_of_another_class_neither_trims_nor_fills_the_shared_map()
        => Verify.VerifyAsync("""
            public static class Presence
            {
                public static readonly Dictionary<string, DateTime> [|Visits|] = new();
            }

            public sealed class Report
            {
                private readonly List<string> Visits = new();

                public void Reset() => Visits.Clear();
            }

            public sealed class VisitEndpoint
            {
                public void Visit(string visitorId) => Presence.Visits[visitorId] = DateTime.UtcNow;
            }
            """, Library);

    [Fact]
    public Task Removal_in_another_part_of_a_partial_class_keeps_a_private_map_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed partial class Carts
            {
                private static readonly ConcurrentDictionary<string, decimal> Totals = new();

                public static void Add(string cartId, decimal amount) => Totals.AddOrUpdate(cartId, amount, (_, total) => total + amount);
            }
            """, Library with { AdditionalSources = ["""
            public sealed partial class Carts
            {
                public static void CheckOut(string cartId) => Totals.TryRemove(cartId, out _);
            }
            """] });

    [Fact]
    public Task Public_and_instance_mutable_fields_are_silent()
        => Verify.VerifyAsync("""
            public sealed class Holder
            {
                public static readonly Dictionary<string, string> Shared = new();
                private Dictionary<string, string> _perInstance = new();

                public void Put(string key) { Shared[key] = key; _perInstance[key] = key; }
            }
            """, Library);

    [Fact]
    public Task Fields_a_nested_type_mentions_are_skipped_because_the_nested_type_may_remove()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class Subscriptions
            {
                private static readonly ConcurrentDictionary<string, Action> Handlers = new();

                public static IDisposable Subscribe(string topic, Action handler)
                {
                    Handlers[topic] = handler;
                    return new Subscription(topic);
                }

                private sealed class Subscription(string topic) : IDisposable
                {
                    public void Dispose() => Handlers.TryRemove(topic, out _);
                }
            }
            """, Library);

    [Fact]
    public Task Test_helpers_in_a_project_named_like_tests_are_silent_without_IsTestProject()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Users
            {
                private static readonly ConcurrentDictionary<string, string> Names = new();

                public static string Get(string userId) => Names.GetOrAdd(userId, i => i);
            }
            """, Library with { AssemblyName = "Shop.Api.IntegrationTests" });

    [Fact]
    public Task Singleton_registration_without_the_DI_package_restored_still_counts()
        => Verify.VerifyBrokenAsync("""
            using System.Collections.Concurrent;

            public sealed class Sessions
            {
                private readonly ConcurrentDictionary<string, DateTime> [|_started|] = new();

                public void Start(string sessionId) => _started.TryAdd(sessionId, DateTime.UtcNow);
            }

            public static class Registration
            {
                public static void Add(MissingServices services) => services.AddSingleton<Sessions>();
            }
            """, Library with { AspNetCore = false });

    [Fact]
    public Task Test_project_is_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Cache
            {
                private static readonly ConcurrentDictionary<string, string> Names = new();

                public static string Get(string userId) => Names.GetOrAdd(userId, i => i);
            }
            """, Library with { IsTest = true });

    [Fact]
    public Task Half_broken_call_on_the_field_keeps_the_rule_silent()
        => Verify.VerifyBrokenAsync("""
            using System.Collections.Concurrent;

            public static class Cache
            {
                private static readonly ConcurrentDictionary<string, Missing> Names = new();

                public static Missing Get(string id) => Names.GetOrAdd(id, i => Unknown.Create(i));
            }
            """, Library);
}
