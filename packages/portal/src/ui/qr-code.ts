import { generate } from 'lean-qr'
import { toSvgDataURL } from 'lean-qr/extras/svg'

/** A QR code as an SVG data URL (the portal's CSP allows `img-src data:`). */
export function qrCodeDataUrl(text: string): string {
  return toSvgDataURL(generate(text), { on: 'black', off: 'white', pad: 4 })
}
