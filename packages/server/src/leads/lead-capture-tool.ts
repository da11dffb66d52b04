import type { LeadPrefill, LeadVehicle } from '@avataradam/sdk/protocol'
import { z } from 'zod'
import { defineTool } from '../providers/llm/define-tool.ts'
import type { AnswerTool } from '../providers/llm/index.ts'
import { EmailSchema, LeadVehicleSchema, PhoneSchema } from './schemas.ts'

/** What the lead form shows: the reason, the vehicle, and what the visitor already said. */
export interface LeadOffer {
  reason: string
  vehicle?: LeadVehicle
  prefill?: LeadPrefill
}

// Prefill is a convenience: a value that does not fit is left out, not an error.
const lenient = <T extends z.ZodType<string>>(schema: T) =>
  z
    .string()
    .nullish()
    .transform((v) => {
      const parsed = schema.safeParse(v)
      return parsed.success ? parsed.data : undefined
    })

const StartLeadCaptureArgs = z.object({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .describe('Why, in a few words the visitor will see: "Test drive of the 2021 RAV4 XLE"'),
  vehicle: LeadVehicleSchema.nullish()
    .transform((v) => v ?? undefined)
    .describe('The vehicle of interest, if any'),
  name: lenient(z.string().trim().min(1).max(120)).describe('The visitor’s name, if they gave it'),
  email: lenient(EmailSchema).describe('The visitor’s email, if they gave it'),
  phone: lenient(PhoneSchema).describe('The visitor’s phone number, if they gave it'),
})

/**
 * `start_lead_capture`: shows the visitor a contact form (after the answer) so the dealership's
 * team can follow up. The form, not the chat, collects the details, with the visitor's consent.
 */
export function leadCaptureTool(offer: (lead: LeadOffer) => void): AnswerTool {
  let offered = false
  return defineTool({
    name: 'start_lead_capture',
    description:
      'Show the visitor a contact form, so the dealership’s team can reach them. Use it when the visitor wants a test drive, a quote, a call back, to buy, to value a trade-in, or to talk to a person. Pass what they already told you. Do not ask for contact details in the chat.',
    schema: StartLeadCaptureArgs,
    async run(args) {
      if (!offered) {
        offered = true
        const prefill: LeadPrefill = {}
        if (args.name) prefill.name = args.name
        if (args.email) prefill.email = args.email
        if (args.phone) prefill.phone = args.phone
        offer({
          reason: args.reason,
          ...(args.vehicle ? { vehicle: args.vehicle } : {}),
          ...(Object.keys(prefill).length > 0 ? { prefill } : {}),
        })
      }
      return {
        content: JSON.stringify({
          shown: true,
          note: 'A contact form appears below your answer. Tell the visitor briefly to fill it in; do not ask for their details in the chat.',
        }),
      }
    },
  })
}
