/**
 * What a link page's server action answers (components/ui/ask-first): nothing yet, a question open (`asking`, which
 * one: without JavaScript the server opens it), or how the action went. Shared by the pages' server actions and the
 * client buttons, so it has no 'use client'.
 */
export type AskFirstState = { kind: 'idle' } | { kind: 'asking'; question: string; at: number } | { kind: 'done' | 'error'; message: string; at: number }

/** The `intent` of the button that opens question `question` (without JavaScript it reaches the server). */
export const askIntent = (question: string) => `ask:${question}`

/** The server's answer to an `intent` that opens a question, or null when the intent does something else. */
export function askedFor(intent: string): AskFirstState | null {
  return intent.startsWith('ask:') && intent.length > 4 ? { kind: 'asking', question: intent.slice(4), at: Date.now() } : null
}
