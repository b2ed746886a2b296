using System.Data.Common;
using ClassifiedGateway.Contracts.V1;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The other node's status reports kept as evidence on an outbound notice (<c>delivered_report</c>, <c>acknowledged_report</c>).</summary>
internal static class StoredReports
{
    /// <summary>The report in column <paramref name="ordinal"/>, none when the column is empty (not reached, or recorded before
    /// reports were kept). Stored bytes that no longer parse come out as an unsigned report of that stage, so the evidence's
    /// offline check fails on it visibly instead of the report quietly going missing.</summary>
    public static IEnumerable<StatusReport> Read(DbDataReader reader, int ordinal, Stage stage, string messageId)
    {
        if (reader.IsDBNull(ordinal))
        {
            return [];
        }

        try
        {
            return [StatusReport.Parser.ParseFrom((byte[])reader[ordinal])];
        }
        catch (InvalidProtocolBufferException)
        {
            return [new StatusReport { MessageId = messageId, Stage = stage }];
        }
    }
}
