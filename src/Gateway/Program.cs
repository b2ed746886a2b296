using ClassifiedGateway.Gateway.Demo;
using ClassifiedGateway.Gateway.Hosting;

return args.FirstOrDefault() switch
{
    "demo" => await DemoCommand.RunAsync(args[1..]),
    "node" => await GatewayNode.RunAsync(args[1..]),
    _ => await GatewayNode.RunAsync(args),
};
