/**
 * `@avataradam/widget` as an ES module: importing it defines `<avatar-adam>` (and nothing else);
 * the chat panel is a separate chunk, imported the first time the chat opens.
 *
 * @example
 * ```ts
 * import '@avataradam/widget'
 *
 * const assistant = document.createElement('avatar-adam')
 * assistant.key = 'pk_live_…'
 * assistant.server = 'https://chat.example.com'
 * document.body.append(assistant)
 * ```
 * @module
 */
export { AvatarAdam } from './avatar-adam.ts'
export { DEFAULT_SUGGESTIONS } from './launcher-strings.ts'
export type { ClientFactory, Position, Theme } from './types.ts'
