using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnboundedDictionaryCacheAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>
/// How the rule finds the fields it judges: maps typed through an alias (global, of the file, inside a namespace),
/// qualified or nullable types, nested and private nested classes, interfaces, and declarations after creations.
/// </summary>
public sealed class UnboundedDictionaryCacheDeclarationTests
{
    private static readonly TestProject Library = TestProject.Library;

    [Fact]
    public Task Public_static_map_typed_through_a_global_alias_is_still_judged_from_its_uses()
        => Verify.VerifyAsync("""
            public static class DeviceDirectory
            {
                internal static readonly TokenMap [|LastSeen|] = new();
            }

            public sealed class HeartbeatEndpoint
            {
                public void Beat(string deviceId) => DeviceDirectory.LastSeen[deviceId] = DateTime.UtcNow.ToString("O");
            }
            """, Library with { AdditionalSources = ["global using TokenMap = System.Collections.Generic.Dictionary<string, string>;"] });

    [Fact]
    public Task Static_map_typed_through_an_alias_of_its_own_file_is_judged_like_a_dictionary()
        => Verify.VerifyAsync("""
            using SessionMap = System.Collections.Concurrent.ConcurrentDictionary<string, System.DateTime>;

            public static class SessionClock
            {
                private static readonly SessionMap [|Started|] = new();

                public static void Start(string sessionId) => Started.TryAdd(sessionId, DateTime.UtcNow);
            }
            """, Library);

    [Fact]
    public Task Static_map_typed_through_an_alias_declared_inside_a_namespace_is_judged_like_a_dictionary()
        => Verify.VerifyAsync("""
            namespace Presence
            {
                using VisitMap = System.Collections.Generic.Dictionary<string, System.DateTime>;

                public static class VisitLog
                {
                    private static readonly VisitMap [|LastVisit|] = new();

                    public static void Visit(string visitorId) => LastVisit[visitorId] = DateTime.UtcNow;
                }
            }
            """, Library);

    [Fact]
    public Task Maps_declared_with_a_qualified_or_nullable_type_inside_a_nested_class_are_judged_like_any_other()
        => Verify.VerifyAsync("""
            public static class Tracking
            {
                public static class Devices
                {
                    private static readonly global::System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> [|SeenByDevice|] = new();
                    private static readonly System.Collections.Generic.Dictionary<string, int>? [|HitsBySession|] = new();

                    public static void Seen(string deviceId) => SeenByDevice[deviceId] = DateTime.UtcNow;

                    public static void Hit(string sessionId) => HitsBySession![sessionId] = 1;
                }
            }
            """, Library);

    [Fact]
    public async Task Maps_declared_after_creations_in_the_same_file_with_a_space_before_the_type_arguments_or_the_new_modifier_are_judged()
    {
        // Each file says Dictionary first where nothing is declared (a creation, an interface, a conversion): only the
        // field's own type names the dictionary type.
        await Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public sealed class SessionTracker
            {
                public static IDictionary<string, int> Copy(IEnumerable<KeyValuePair<string, int>> pairs)
                    => new ConcurrentDictionary<string, int>(pairs.ToDictionary(p => p.Key, p => p.Value));

                private static readonly ConcurrentDictionary <string, DateTime> [|SeenBySession|] = new();

                public static void Seen(string sessionId) => SeenBySession[sessionId] = DateTime.UtcNow;
            }
            """, Library);
        await Verify.VerifyAsync("""
            public class Tracker
            {
                protected static readonly int Hits;
            }

            public sealed class UserTracker : Tracker
            {
                public static IReadOnlyDictionary<string, int> Empty() => new Dictionary<string, int>();

                private static readonly new Dictionary<string, int> [|Hits|] = new Dictionary<string, int>();

                public static void Hit(string userId) => Hits[userId] = 1;
            }
            """, Library);
    }

    [Fact]
    public Task Static_map_of_a_private_nested_class_is_judged_from_the_class_around_it()
        => Verify.VerifyAsync("""
            using System.Collections.Concurrent;

            public static class Presence
            {
                public static void Seen(string visitorId) => Cached.LastSeenByVisitor[visitorId] = DateTime.UtcNow;

                public static void Opened(string sessionId) => Cached.OpenedBySession[sessionId] = DateTime.UtcNow;

                public static void Closed(string sessionId) => Cached.OpenedBySession.TryRemove(sessionId, out _);

                static class Cached
                {
                    internal static readonly ConcurrentDictionary<string, DateTime> [|LastSeenByVisitor|] = new();
                    internal static readonly ConcurrentDictionary<string, DateTime> OpenedBySession = new();
                }
            }

            public static class Audit
            {
                // Another class's field of the same name: the nested class above is out of its reach.
                public static readonly ConcurrentDictionary<string, DateTime> OpenedBySession = new();
            }
            """, Library);

    [Fact]
    public Task Static_map_of_an_interface_is_public_without_saying_so_and_judged_from_every_use()
        => Verify.VerifyAsync("""
            public interface IPresenceBook
            {
                static readonly Dictionary<string, DateTime> [|Seen|] = new();
            }

            public sealed class PresenceEndpoint
            {
                public void Touch(string visitorId) => IPresenceBook.Seen[visitorId] = DateTime.UtcNow;
            }
            """, Library);
}
