import type { LeadSettings, LeadSubmitPayload, LeadVehicle } from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import { ClientId } from '../chat/schemas.ts'

/** A form field left empty is the same as one not sent. */
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

export const LeadVehicleSchema = z.object({
  name: z.string().trim().max(200).optional(),
  year: z.number().int().min(1900).max(2100).optional(),
  make: z.string().trim().max(64).optional(),
  model: z.string().trim().max(64).optional(),
  trim: z.string().trim().max(64).optional(),
  vin: z.string().trim().max(32).optional(),
  stockNumber: z.string().trim().max(64).optional(),
  // Only web pages: staff open these links.
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
}) satisfies z.ZodType<LeadVehicle>

export const EmailSchema = z.email({ error: 'must be an email address' }).max(254)

/** 7–20 digits, with the usual punctuation of written phone numbers. */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]+$/, { error: 'must be a phone number (digits, +, spaces, ( ) . -)' })
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length
    return digits >= 7 && digits <= 20
  }, 'must have 7–20 digits')

/** `lead:submit`. */
export const LeadSubmitSchema = z
  .object({
    clientLeadId: ClientId,
    conversationId: z.uuid({ error: 'must be a UUID' }).optional(),
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(120),
    email: optionalText(z.string().trim().pipe(EmailSchema)),
    phone: optionalText(PhoneSchema),
    message: optionalText(z.string().trim().max(2000)),
    consent: z.literal(true, { error: 'the visitor must agree to be contacted' }),
    reason: optionalText(z.string().trim().max(300)),
    vehicle: LeadVehicleSchema.optional(),
  })
  .refine((lead) => lead.email !== undefined || lead.phone !== undefined, {
    error: 'an email address or a phone number is required',
    path: ['email'],
  }) satisfies z.ZodType<LeadSubmitPayload, unknown>

export const LeadSettingsSchema = z
  .object({ notificationEmail: EmailSchema.nullable() })
  .openapi('LeadSettings') satisfies z.ZodType<LeadSettings>
