import type { WidgetSettings } from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour as #rrggbb' })
  .openapi({ example: '#1a56db' })

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time as HH:MM (00:00 to 23:59)' })

const OpeningHoursSchema = z
  .strictObject({ open: time, close: time })
  // HH:MM strings compare as times do.
  .refine((h) => h.open < h.close, { error: 'open must be before close', path: ['close'] })

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

const dayHours = z.array(OpeningHoursSchema).max(4)

const BusinessHoursSchema = z.strictObject({
  timezone: z
    .string()
    .max(64)
    .refine(isTimeZone, { error: 'must be an IANA time zone, such as America/Chicago' }),
  days: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof dayHours>
    >,
  ),
  closedMessage: z.string().trim().min(1).max(500),
})

const AvatarSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('builtin') }),
  z.strictObject({
    kind: z.literal('image'),
    url: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .max(2000)
      .openapi({ description: 'An https URL of a picture shown in place of the built-in face' }),
  }),
])

/** Validates every field strictly: what is saved is exactly what the widget can show. */
export const WidgetSettingsSchema = z
  .strictObject({
    assistantName: z.string().trim().min(1).max(40),
    greeting: z.string().trim().min(1).max(500),
    suggestions: z.array(z.string().trim().min(1).max(120)).max(6),
    colors: z.strictObject({ primary: colour, onPrimary: colour }),
    avatar: AvatarSchema,
    languages: z
      .array(
        z
          .string()
          .max(35)
          .refine(isLanguageTag, { error: 'must be a BCP 47 language tag, such as en or es-MX' }),
      )
      .min(1)
      .max(5),
    hours: BusinessHoursSchema.nullable(),
  })
  .openapi('WidgetSettings') satisfies z.ZodType<WidgetSettings, unknown>
