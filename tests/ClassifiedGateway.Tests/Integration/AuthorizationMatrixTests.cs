using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Xunit.Abstractions;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The authorization matrix, generated: every gRPC method the node can serve (from the Contracts assembly's file
/// descriptors, plus health and both reflection services) and every HTTP endpoint the node maps (<see cref="HttpEndpoints.All"/>),
/// × every kind of identity × every listener, directly and through a TCP proxy on another port. The expected answer of each
/// cell is written here, independent of the product's policy table; a method or endpoint missing from it fails the test.</summary>
public sealed partial class AuthorizationMatrixTests(ITestOutputHelper output)
{
    /// <summary>The kinds of caller, seen from the KZ node under test.</summary>
    public enum Who
    {
        OwnCompetentBody = 1,
        OwnAuthorizedBody = 2,
        OtherAuthorizedBody = 3,
        Operator = 4,
        OwnNode = 5,
        PeerNode = 6,
        OtherPartyCertificate = 7,
    }

    private enum Listener
    {
        Local = 1,
        Peer = 2,
        Operator = 3,
    }

    private enum Expect
    {
        Allowed = 1,
        Denied = 2,
        Hidden = 3,
        RefusedAtHandshake = 4,
    }

    private const string Addressed = "matrix-to-kz-ab-1";

    private static readonly Who[] Systems = [Who.OwnCompetentBody, Who.OwnAuthorizedBody, Who.OtherAuthorizedBody];

    /// <summary>The expected table: resource → where (listener) and who is let through; per-message methods hide another body's notice.</summary>
    private static readonly Dictionary<string, Rule> Expected = new()
    {
        ["classified.gateway.v1.PartyGatewayService/Submit"] = new(Listener.Local, Systems),
        ["classified.gateway.v1.PartyGatewayService/Subscribe"] = new(Listener.Local, Systems),
        ["classified.gateway.v1.PartyGatewayService/Acknowledge"] = new(Listener.Local, [Who.OwnCompetentBody, Who.OwnAuthorizedBody], Hidden: [Who.OtherAuthorizedBody]),
        // Per-item refusals (another body's notice answers NOT_FOUND) are outcomes inside an answered call: AcknowledgeBatchTests.
        ["classified.gateway.v1.PartyGatewayService/SubmitStream"] = new(Listener.Local, Systems),
        ["classified.gateway.v1.PartyGatewayService/AcknowledgeBatch"] = new(Listener.Local, Systems),
        ["classified.gateway.v1.PartyGatewayService/SubscribeAcknowledging"] = new(Listener.Local, Systems),
        ["classified.gateway.v1.PartyGatewayService/GetMessage"] = new(Listener.Local, [Who.OwnCompetentBody, Who.OwnAuthorizedBody], Hidden: [Who.OtherAuthorizedBody]),
        ["classified.gateway.v1.DevClockService/GetTime"] = new(Listener.Local, [Who.OwnCompetentBody]),
        ["classified.gateway.v1.DevClockService/Advance"] = new(Listener.Local, [Who.OwnCompetentBody]),
        ["classified.gateway.v1.PeerRelayService/Relay"] = new(Listener.Peer, [Who.PeerNode]),
        ["classified.gateway.v1.PeerRelayService/RelayStatus"] = new(Listener.Peer, [Who.PeerNode]),
        ["classified.gateway.v1.PeerRelayService/RelayStream"] = new(Listener.Peer, [Who.PeerNode]),
        ["classified.gateway.v1.OperatorService/ListMessages"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/GetTimeline"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/WatchStageChanges"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/CountByStage"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/ListObligations"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/GetAgreementState"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/GetNodeHealth"] = new(Listener.Operator, [Who.Operator]),
        ["classified.gateway.v1.OperatorService/ExportEvidence"] = new(Listener.Operator, [Who.Operator]),
        ["grpc.health.v1.Health/Check"] = Health(),
        ["grpc.health.v1.Health/Watch"] = Health(),
        ["grpc.health.v1.Health/List"] = Health(),
        ["grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = new(Listener.Operator, [Who.Operator]),
        ["grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = new(Listener.Operator, [Who.Operator]),
        ["GET /metrics"] = new(Listener.Operator, [Who.Operator]),
        ["GET /healthz/live"] = new(Listener.Operator, [Who.Operator]),
        ["GET /healthz/ready"] = new(Listener.Operator, [Who.Operator]),
        ["GET /"] = new(Listener.Operator, [Who.Operator]),
        ["GET /assets/{name}"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/summary"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/messages"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/messages/{id}"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/messages/{id}/evidence"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/obligations"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/events"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/export.csv"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/traffic"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/link"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/link/events"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/me"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/audit"] = new(Listener.Operator, [Who.Operator]),
        ["GET /api/settlements"] = new(Listener.Operator, [Who.Operator]),
    };

    [Fact]
    public async Task Every_method_and_endpoint_for_every_identity_on_every_listener_directly_and_through_a_proxy()
    {
        var methods = GrpcMethods();
        var resources = methods.Select(m => $"{m.Service.FullName}/{m.Name}").Concat(HttpEndpoints.All.Where(e => e.Method == "GET").Select(e => $"GET {e.Pattern}")).ToList();
        var unlisted = resources.Except(Expected.Keys).ToList();
        Assert.True(unlisted.Count == 0, "The expected table lacks: " + string.Join(", ", unlisted));
        var stale = Expected.Keys.Except(resources).Where(k => k != "grpc.health.v1.Health/List").ToList();
        Assert.True(stale.Count == 0, "The expected table names what does not exist: " + string.Join(", ", stale));

        await using var pair = await NodePair.StartAsync();
        var kz = pair.KzSettings;
        await new Exchange(pair, TimeProvider.System.GetUtcNow()).SendAsync(Party.Tm, Addressed, Case.ContractRegistration, Notices.TmAuthorizedBody, Notices.KzAuthorizedBody);
        await using var local = TcpProxy.To(kz.LocalPort);
        await using var peer = TcpProxy.To(kz.PeerPort);
        await using var operators = TcpProxy.To(kz.OperatorPort);
        var routes = new (Listener Listener, string Via, int Port)[]
        {
            (Listener.Local, "direct", kz.LocalPort), (Listener.Peer, "direct", kz.PeerPort), (Listener.Operator, "direct", kz.OperatorPort),
            (Listener.Local, "proxy", local.Port), (Listener.Peer, "proxy", peer.Port), (Listener.Operator, "proxy", operators.Port),
        };
        var callers = new Dictionary<(Who, int), RawCaller>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var route in routes)
            {
                callers[(who, route.Port)] = new RawCaller(route.Port, Certificate(kz, who), Path.Combine(kz.Own, "ca.crt"));
            }
        }

        var deniedBefore = AuditTrail.Entries(kz).Where(e => e.Kind == "authorization-denied").Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        var cells = new ConcurrentBag<Cell>();
        var work = from who in Enum.GetValues<Who>()
                   from route in routes
                   from resource in resources
                   select (who, route, resource);
        using var gate = new SemaphoreSlim(24);
        var started = TimeProvider.System.GetTimestamp();
        await Task.WhenAll(work.Select(async w =>
        {
            await gate.WaitAsync();
            try
            {
                var caller = callers[(w.who, w.route.Port)];
                var method = methods.FirstOrDefault(m => $"{m.Service.FullName}/{m.Name}" == w.resource);
                var (outcome, detail) = method is not null
                    ? await caller.CallAsync(method, Request(method))
                    : await caller.GetAsync(HttpPath(w.resource));
                cells.Add(new Cell(w.who, w.route.Listener, w.route.Via, w.resource, ExpectedOf(w.resource, w.route.Listener, w.who), outcome, detail));
            }
            finally
            {
                gate.Release();
            }
        }));
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        foreach (var caller in callers.Values)
        {
            caller.Dispose();
        }

        var wrong = cells.Where(c => !Matches(c.Expected, c.Outcome)).OrderBy(c => c.Resource).ThenBy(c => c.Who).ToList();
        var counts = cells.GroupBy(c => c.Expected).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{cells.Count} cells ({resources.Count} methods/endpoints × {Enum.GetValues<Who>().Length} identities × {routes.Length} listener routes) in {elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));
        Assert.True(wrong.Count == 0, $"{wrong.Count} cells differ:\n" + string.Join("\n", wrong.Take(40).Select(c => c.ToString())));
        Assert.True(local.Accepted > 0 && peer.Accepted > 0 && operators.Accepted > 0);

        // Each denial (and each hidden notice) audited exactly once: per (caller, what was called), as many entries as calls.
        var audited = AuditTrail.Entries(kz).Where(e => e.Kind == "authorization-denied" && e.Sequence > deniedBefore).ToList();
        var expectedAudits = cells.Where(c => c.Expected is Expect.Denied or Expect.Hidden)
            .GroupBy(c => (Actor(c.Who), AuditKey(c))).ToDictionary(g => g.Key, g => g.Count());
        var actualAudits = audited.GroupBy(e => (e.Actor, AuditKeyOf(e.Detail))).ToDictionary(g => g.Key, g => g.Count());
        var mismatched = expectedAudits.Keys.Union(actualAudits.Keys)
            .Where(k => expectedAudits.GetValueOrDefault(k) != actualAudits.GetValueOrDefault(k))
            .Select(k => $"{k.Item1} {k.Item2}: expected {expectedAudits.GetValueOrDefault(k)}, audited {actualAudits.GetValueOrDefault(k)}").ToList();
        Assert.True(mismatched.Count == 0, string.Join("\n", mismatched.Take(40)));
        Assert.Equal(counts.GetValueOrDefault(Expect.Denied) + counts.GetValueOrDefault(Expect.Hidden), audited.Count);
        Assert.All(audited, e => Assert.True(e.Detail.Length <= CallGuard.MaxDetail + 32));
    }

    private static Rule Health() => new(new Dictionary<Listener, Who[]>
    {
        [Listener.Local] = Systems,
        [Listener.Peer] = [Who.PeerNode],
        [Listener.Operator] = [Who.Operator],
    }, []);

    private static Expect ExpectedOf(string resource, Listener listener, Who who)
    {
        // The TLS layer first: no one's certificate but this Party's (and the pinned peer node's) completes a handshake, and
        // on the peer listener only the pinned peer node's.
        if (who is Who.OwnNode or Who.OtherPartyCertificate || (listener == Listener.Peer && who != Who.PeerNode))
        {
            return Expect.RefusedAtHandshake;
        }

        var rule = Expected[resource];
        return rule.Allowed.TryGetValue(listener, out var allowed) && allowed.Contains(who) ? Expect.Allowed
            : rule.Allowed.ContainsKey(listener) && rule.Hidden.Contains(who) ? Expect.Hidden
            : Expect.Denied;
    }

    private static bool Matches(Expect expected, CallOutcome outcome) => expected switch
    {
        Expect.Allowed => outcome is CallOutcome.Answered,
        Expect.Denied => outcome is CallOutcome.Denied,
        Expect.Hidden => outcome is CallOutcome.NotFound,
        _ => outcome is CallOutcome.RefusedAtHandshake,
    };

    private static List<MethodDescriptor> GrpcMethods()
    {
        var files = typeof(Envelope).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .Concat([Grpc.Health.V1.HealthReflection.Descriptor, Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor, Grpc.Reflection.V1.ReflectionReflection.Descriptor]);
        return [.. files.SelectMany(f => f.Services).SelectMany(s => s.Methods).DistinctBy(m => m.FullName)];
    }

    /// <summary>A request that, once authorized, is answered without changing anything that matters (empty where that works).</summary>
    private static byte[] Request(MethodDescriptor method) => method.Name switch
    {
        "GetMessage" => new GetMessageRequest { MessageId = Addressed }.ToByteArray(),
        "Acknowledge" => new AcknowledgeRequest { MessageId = Addressed }.ToByteArray(),
        "AcknowledgeBatch" => new AcknowledgeBatchRequest { Items = { new AcknowledgeRequest { MessageId = "nothing-here" } } }.ToByteArray(),
        "GetTimeline" => new GetTimelineRequest { MessageId = Addressed }.ToByteArray(),
        "ExportEvidence" => new ExportEvidenceRequest { MessageId = Addressed }.ToByteArray(),
        "Relay" => new RelayRequest { FromParty = Party.Tm }.ToByteArray(),
        "RelayStatus" => new RelayStatusRequest { FromParty = Party.Tm }.ToByteArray(),
        "RelayStream" => new RelayStreamRequest { Batch = 1, Reports = new RelayStatusRequest { FromParty = Party.Tm } }.ToByteArray(),
        "ServerReflectionInfo" => new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" }.ToByteArray(),
        _ => [],
    };

    private static string HttpPath(string resource) => resource["GET ".Length..].Replace("{name}", "app.js", StringComparison.Ordinal).Replace("{id}", Addressed, StringComparison.Ordinal);

    private static string Certificate(NodeSettings kz, Who who) => who switch
    {
        Who.OwnCompetentBody => Path.Combine(kz.Own, Notices.KzCompetentBody),
        Who.OwnAuthorizedBody => Path.Combine(kz.Own, Notices.KzAuthorizedBody),
        Who.OtherAuthorizedBody => Path.Combine(kz.Own, "kz-ab-2"),
        Who.Operator => Path.Combine(kz.Own, "kz-operator"),
        Who.OwnNode => Path.Combine(kz.Own, "node"),
        Who.PeerNode => Path.Combine(kz.Other, "node"),
        _ => Path.Combine(kz.Other, Notices.TmCompetentBody),
    };

    private static string Actor(Who who) => who switch
    {
        Who.OwnCompetentBody => "KZ/competent-body/kz-knb",
        Who.OwnAuthorizedBody => "KZ/authorized-body/kz-ab-1",
        Who.OtherAuthorizedBody => "KZ/authorized-body/kz-ab-2",
        Who.Operator => "KZ/operator/kz-operator",
        Who.PeerNode => "TM/node/node-tm",
        _ => who.ToString(),
    };

    /// <summary>What the audit entry of a denied cell names: the gRPC method (/service/method) or the HTTP path called.</summary>
    private static string AuditKey(Cell cell) => cell.Resource.StartsWith("GET ", StringComparison.Ordinal) ? HttpPath(cell.Resource) : "/" + cell.Resource;

    private static string AuditKeyOf(string detail) =>
        CalledOn().Match(detail) is { Success: true } m ? m.Groups[1].Value
        : SeenVia().Match(detail) is { Success: true } v ? v.Groups[1].Value
        : detail;

    [GeneratedRegex(@"may not call (\S+) on the \w+ listener")]
    private static partial Regex CalledOn();

    [GeneratedRegex(@"may not see .* via (\S+)$")]
    private static partial Regex SeenVia();

    private sealed record Rule(IReadOnlyDictionary<Listener, Who[]> Allowed, Who[] Hidden)
    {
        public Rule(Listener listener, Who[] allowed, Who[]? Hidden = null)
            : this(new Dictionary<Listener, Who[]> { [listener] = allowed }, Hidden ?? [])
        {
        }
    }

    private sealed record Cell(Who Who, Listener Listener, string Via, string Resource, Expect Expected, CallOutcome Outcome, string Detail)
    {
        public override string ToString() => $"{Resource} as {Who} on {Listener} ({Via}): expected {Expected}, got {Outcome} ({Detail})";
    }
}
