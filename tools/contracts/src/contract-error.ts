/** A contract source (an .avsc file or the catalog) is invalid; the message names where and why. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
}
