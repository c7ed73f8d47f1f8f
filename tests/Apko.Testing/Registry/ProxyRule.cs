namespace Apko.Testing.Registry;

/// <summary>
/// A step of a <see cref="RegistryProxy"/>: handles the exchange and returns true, or returns false to let the
/// next rule, and finally the upstream registry, handle it.
/// </summary>
public delegate Task<bool> ProxyRule(ProxyExchange exchange);
