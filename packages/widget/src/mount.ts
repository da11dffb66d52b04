import { ATTRIBUTES } from './attributes.ts'
import type { AvatarAdam } from './avatar-adam.ts'

/**
 * Puts an `<avatar-adam>` on the page, configured from the installing script tag's `data-*`
 * attributes, and returns it. A page that already has one (placed by hand) keeps it and the new
 * one is never added: the script then only defines the element.
 *
 * @example
 * ```html
 * <script src="https://chat.example.com/widget/avatar-adam.js" data-key="pk_live_…" async></script>
 * ```
 */
export function mountFromScript(
  script: HTMLScriptElement | null,
  doc: Document = document,
): AvatarAdam {
  const element = doc.createElement('avatar-adam')
  for (const name of ATTRIBUTES) {
    const value = script?.getAttribute(`data-${name}`)
    if (value === null || value === undefined) continue
    // `data-open="false"` reads as intended, unlike a bare boolean attribute.
    if (name === 'open' && value === 'false') continue
    element.setAttribute(name, value)
  }
  const place = () => {
    if (!doc.querySelector('avatar-adam')) doc.body.append(element)
  }
  // An async script can run before the parser has reached <body>, or a hand-placed element.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', place, { once: true })
  else place()
  return element
}
