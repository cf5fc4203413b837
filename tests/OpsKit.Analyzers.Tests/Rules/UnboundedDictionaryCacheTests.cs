using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnboundedDictionaryCacheAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class UnboundedDictionaryCacheTests
{
    private static readonly TestProject Library = TestProject.Library;

    [Fact]
    public Task Static_ConcurrentDictionary_filled_per_call_is_reported()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class UserNameCache
            {
                private static readonly ConcurrentDictionary<string, string> [|Names|] = new();

                public static string Get(string id, Func<string, string> load) => Names.GetOrAdd(id, load);
            }
            """, Library);

    [Fact]
    public Task Readonly_Dictionary_written_through_the_indexer_under_a_lock_is_reported()
        => Verify.VerifyAsync("""
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
    public Task Types_with_nested_types_are_skipped_because_the_nested_type_may_remove()
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
    public Task Test_project_is_silent()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Cache
            {
                private static readonly ConcurrentDictionary<string, string> Names = new();

                public static string Get(string id) => Names.GetOrAdd(id, i => i);
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
