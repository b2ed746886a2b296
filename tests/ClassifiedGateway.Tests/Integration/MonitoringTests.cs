using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Machine-readable monitoring: Prometheus metrics, gRPC health and reflection, HTTP readiness, and logs without personal or classified data.</summary>
public sealed class MonitoringTests
{
    private const string Passport = "PASSPORT-N7731904";
    private const string Surname = "Surname-Unlogged";
    private const string Description = "CLASSIFIED-DESCRIPTION-Z19";

    [Fact]
    public async Task Metrics_health_reflection_and_readiness_answer_operators()
    {
        await using var pair = await NodePair.StartAsync();
        await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("metered", Party.Kz, TimeProvider.System.GetUtcNow()) });
        await Eventually.TrueAsync(async () => (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "metered" })).Message.Stage == Stage.Acknowledged,
            TimeSpan.FromSeconds(30), pair.Logs);

        using var http = OperatorHttp(pair.KzSettings);
        var url = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        string metrics = "";
        await Eventually.TrueAsync(async () =>
        {
            metrics = await http.GetStringAsync(url + "/metrics");
            return metrics.Contains("stage=\"Acknowledged\"", StringComparison.Ordinal) && metrics.Contains("gateway_certificate_days_to_expiry", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), () => metrics);
        Assert.Contains("gateway_notice_stage_events_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("kind=\"ConsultationRequest\"", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_relay_latency_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_acknowledgement_latency_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_outbox_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_relay_batches_in_flight", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_obligations_overdue", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_peer_circuit_open", metrics, StringComparison.Ordinal);
        Assert.True(Total(metrics, "gateway_store_statements_total", "side=\"write\"") > 0, metrics);
        Assert.True(Total(metrics, "gateway_store_statements_total", "side=\"read\"") > 0, metrics);
        Assert.True(Total(metrics, "gateway_store_commits_total") > 0, metrics);

        Assert.Equal(1, Total(metrics, "gateway_relay_lease_held", "party=\"KZ\""));

        using var ready = await http.GetAsync(url + "/healthz/ready");
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        // SQLite: the one node always holds the relay lease, and readiness says so.
        Assert.Equal(["held"], ready.Headers.GetValues("X-Relay-Lease"));
        var health = new Health.HealthClient(pair.KzNode.Channel(pair.KzSettings.OperatorPort, Path.Combine(pair.KzSettings.Own, "kz-operator")));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        var reflection = new ServerReflection.ServerReflectionClient(pair.KzNode.Channel(pair.KzSettings.OperatorPort, Path.Combine(pair.KzSettings.Own, "kz-operator")));
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "classified.gateway.v1.OperatorService");
    }

    [Fact]
    public async Task Production_logs_are_json_carry_message_ids_and_never_a_passport_or_classified_description()
    {
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Environment = "Production";
            s.AddBodyRegistry();
        });
        await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);
        var now = TimeProvider.System.GetUtcNow();
        var x = new Exchange(pair, now);
        await x.SendAsync(Party.Kz, "visit-logged", Case.VisitRequest, Notices.KzCompetentBody, Notices.TmCompetentBody, e =>
        {
            e.VisitRequest.Visitors[0].PassportNumber = Passport;
            e.VisitRequest.Visitors[0].Surname = Surname;
        });
        var late = Notices.Envelope("visit-late-logged", Party.Kz, now, Case.VisitRequest);
        late.VisitRequest = Notices.Visit(DateOnly.FromDateTime(now.UtcDateTime).AddDays(3));
        late.VisitRequest.Visitors[0].PassportNumber = Passport;
        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.FailedPrecondition, () => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = late }).ResponseAsync);
        var refusedTransfer = Notices.Envelope("transfer-logged", Party.Kz, now, Case.TransferNotice);
        refusedTransfer.SenderBody = Notices.KzAuthorizedBody;
        refusedTransfer.ReceiverBody = Notices.TmAuthorizedBody;
        refusedTransfer.TransferNotice.Carriers[0].Description = Description;
        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.FailedPrecondition, () => pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = refusedTransfer }).ResponseAsync);
        await Eventually.TrueAsync(async () => (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "visit-logged" })).Message.Stage == Stage.Acknowledged,
            TimeSpan.FromSeconds(30), pair.Logs);

        var logs = pair.Logs();
        Assert.DoesNotContain(Passport, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Surname, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Description, logs, StringComparison.Ordinal);

        var entries = pair.KzNode.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.NotEmpty(entries);
        // A refusal's entry names the message (accepted notices log at Debug: they are in the audit chain and the console).
        Assert.Contains(entries, d => d.RootElement.TryGetProperty("MessageId", out var id) && id.GetString() == "transfer-logged"
            && d.RootElement.TryGetProperty("CorrelationId", out var c) && c.GetString() == "corr-transfer-logged"
            && d.RootElement.TryGetProperty("RuleId", out var rule) && rule.GetString()!.Length > 0);

        // The development clock does not exist in Production.
        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.Unimplemented, () => pair.KzNode.Clock.GetTimeAsync(new GetTimeRequest()).ResponseAsync);
    }

    /// <summary>The value of the first sample of <paramref name="name"/> that carries <paramref name="label"/> (any, when null); -1 when none.</summary>
    private static double Total(string metrics, string name, string? label = null)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal)
            && (label is null || l.Contains(label, StringComparison.Ordinal)));
        return line is null ? -1 : double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static HttpClient OperatorHttp(NodeSettings node)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(node.Own, "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { X509Certificate2.CreateFromPemFile(Path.Combine(node.Own, "kz-operator.crt"), Path.Combine(node.Own, "kz-operator.key")) },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
            },
        };
        return new HttpClient(handler);
    }
}
