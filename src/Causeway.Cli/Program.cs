using Causeway.Cli;

return await CausewayCommandLine.InvokeAsync(args);
