using ClassifiedGateway.Gateway.Cli;
using ClassifiedGateway.Gateway.Demo;
using ClassifiedGateway.Gateway.Hosting;
using ClassifiedGateway.Gateway.Rules;

return args.FirstOrDefault() switch
{
    "demo" => await DemoCommand.RunAsync(args[1..]),
    "node" => await GatewayNode.RunAsync(args[1..]),
    "pki" => PkiCommand.Run(args[1..]),
    "verify-audit" => VerifyAuditCommand.Run(args[1..]),
    "verify-store" => VerifyStoreCommand.Run(args[1..]),
    "rules-catalogue" => PrintCatalogue(),
    _ => await GatewayNode.RunAsync(args),
};

static int PrintCatalogue()
{
    Console.Write(RuleCatalogue.Markdown(RulesServiceCollectionExtensions.BuildEngine().Catalogue));
    return 0;
}
