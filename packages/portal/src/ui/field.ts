import { html, nothing } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'

export interface FieldOptions {
  label: string
  name: string
  type?: string
  value?: string
  autocomplete?: string
  required?: boolean
  minlength?: number
  maxlength?: number
  pattern?: string
  inputmode?: string
  hint?: string
  /** The server's complaint about this field, announced and tied to the input. */
  error?: string | undefined
}

/**
 * A labelled native input with its hint and error tied to it (`aria-describedby`), so screen
 * readers read them with the field.
 */
export function field(o: FieldOptions) {
  const id = `f-${o.name}`
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  // The input is named by the label's text alone; the hint is its description, read after it.
  return html`<label for=${id}
    ><span id="${id}-label">${o.label}</span>
    ${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : nothing}
    <input
      id=${id}
      name=${o.name}
      type=${o.type ?? 'text'}
      .value=${o.value ?? ''}
      autocomplete=${ifDefined(o.autocomplete)}
      ?required=${o.required ?? false}
      minlength=${ifDefined(o.minlength)}
      maxlength=${ifDefined(o.maxlength)}
      pattern=${ifDefined(o.pattern)}
      inputmode=${ifDefined(o.inputmode)}
      aria-labelledby="${id}-label"
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(described || undefined)}
    />
    ${o.error ? html`<span class="field-error" id="${id}-error">${o.error}</span>` : nothing}
  </label>`
}

/** The named string values of a submitted form. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string') values[name] = value
  }
  return values
}

/** Tells the shell a session started (sign-in, sign-up, accepted invitation). */
export function signedInEvent(detail: unknown): CustomEvent {
  return new CustomEvent('aa-signed-in', { detail, bubbles: true, composed: true })
}
