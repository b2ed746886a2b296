using ClassifiedGateway.Gateway.Cli;

return await CliRunner.RunAsync(args);
