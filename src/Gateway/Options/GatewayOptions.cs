using System.ComponentModel.DataAnnotations;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Options;

/// <summary>Who this node is and where its peer is.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The Party this node speaks for (KZ or TM).</summary>
    [Required]
    public string Party { get; set; } = "";

    /// <summary>The other Party's node, peer listener (e.g. https://127.0.0.1:5102). Required unless <see cref="PeerAddresses"/>
    /// names the other Party's replicas instead.</summary>
    public string PeerAddress { get; set; } = "";

    /// <summary>The other Party's replicas, when it runs several: each replica's peer listener (https://host:port, tried in this
    /// order, the next one when a replica cannot be reached), or one dns:///name:port whose name resolves to every replica (a
    /// compose service). Instead of <see cref="PeerAddress"/>, not beside it.</summary>
    /// <value>Default empty: <see cref="PeerAddress"/> alone.</value>
    public List<string> PeerAddresses { get; set; } = [];

    /// <summary>Maximum time a submitted notice's created_at may lie ahead of this node's clock.</summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far the other node's clock may be from this node's before an alarm is raised. Skew is only reported
    /// (alarm, audit, metric gateway_peer_clock_offset_seconds): the other Party's notices are never refused for it.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan PeerClockTolerance { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where the other Party's node is reached: <see cref="PeerAddresses"/> when set, else <see cref="PeerAddress"/>.</summary>
    public IReadOnlyList<string> PeerTargets() => PeerAddresses.Count > 0 ? PeerAddresses : [PeerAddress];

    /// <summary>The parsed <see cref="Party"/>; Unspecified for a bad code, which validation refuses at start (it reads
    /// this getter too, so it must not throw).</summary>
    public Party LocalParty => PartyCodes.TryParse(Party, out var party) ? party : Contracts.V1.Party.Unspecified;

    /// <summary>The other Party.</summary>
    public Party PeerParty => PartyCodes.IsKnown(LocalParty) ? PartyCodes.Other(LocalParty) : Contracts.V1.Party.Unspecified;
}
