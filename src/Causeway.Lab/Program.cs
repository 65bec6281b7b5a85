using Causeway.Lab;

return await LabCommandLine.InvokeAsync(args);
