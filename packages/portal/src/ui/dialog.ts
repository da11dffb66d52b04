/** The element that really has focus, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active instanceof HTMLElement ? active : null
}

/**
 * Opens a native modal `<dialog>` (focus trapped, Escape closes) and, once it closes, gives
 * focus back to what had it, even inside a shadow root where browsers can lose track of it.
 */
export function openDialog(dialog: HTMLDialogElement | null | undefined): void {
  if (!dialog || dialog.open) return
  const opener = deepActiveElement()
  dialog.addEventListener(
    'close',
    () => {
      if (opener?.isConnected) opener.focus()
    },
    { once: true },
  )
  dialog.showModal()
}
