using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Storing a notice straight through a store, as the submit path does once the rules have admitted it.</summary>
internal static class StoreSubmits
{
    public static Task<SubmitOutcome> SubmitAdmittedAsync(this SqlGatewayStore store, Envelope e, DateTimeOffset at) =>
        store.SubmitAsync(new SubmitCommand(e, e.ToByteArray(), NoticeKinds.Of(e).Name, at, _ => Admission.Admit), CancellationToken.None);
}
