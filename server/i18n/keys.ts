/** Message keys in schemas and errors: "v.<key>" → validation.<key>; "k.<full key>" → that key. Client-safe. */
export function messageKey(message: string): string | undefined {
  if (message.startsWith('v.')) return `validation.${message.slice(2)}`
  if (message.startsWith('k.')) return message.slice(2)
  return undefined
}
