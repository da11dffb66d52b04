import { svg, type TemplateResult } from 'lit'

/** 24×24 icons, drawn with `currentColor` so they follow the theme. */
const icon = (path: string): TemplateResult =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${path} /></svg>`

export const closeIcon = icon(
  'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
)
export const sendIcon = icon('M3 20.5v-7l9-1.5-9-1.5v-7L22 12z')
export const newIcon = icon(
  'M12 4a8 8 0 1 0 7.7 10h-2.1A6 6 0 1 1 12 6c1.7 0 3.1.7 4.2 1.8L13 11h7V4l-2.4 2.4' +
    'A8 8 0 0 0 12 4z',
)
export const soundIcon = icon(
  'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z' +
    'M14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
)
export const mutedIcon = icon(
  'M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.4 2.4.1-.6z' +
    'M19 12c0 .9-.2 1.8-.5 2.6l1.5 1.5A9 9 0 0 0 14 3.2v2.1a7 7 0 0 1 5 6.7z' +
    'M4.3 3 3 4.3 7.7 9H3v6h4l5 5v-6.7l4.3 4.3c-.7.5-1.5 1-2.3 1.2v2.1a9 9 0 0 0 3.7-1.8' +
    'l2 2 1.3-1.3-9-9L4.3 3zM12 4 9.9 6.1 12 8.2V4z',
)
export const micIcon = icon(
  'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3z' +
    'm5.3-3a5.3 5.3 0 0 1-10.6 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9h-1.7z',
)
