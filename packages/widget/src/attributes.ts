/**
 * The element's attributes; the script tag accepts each as `data-…`. `publishable-key` is an alias
 * of `key` for React and Vue, which keep a `key` prop for themselves.
 */
export const ATTRIBUTES = [
  'key',
  'server',
  'position',
  'open',
  'locale',
  'theme',
  'assistant-name',
  'greeting',
  'suggestions',
] as const
