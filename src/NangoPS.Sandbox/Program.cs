// Placeholder entry point; the sandbox server is built under issue 3.
System.Console.WriteLine("NangoPS sandbox: not built yet");
return 1;
