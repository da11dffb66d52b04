import type {
  DealershipFacts,
  DealershipFactsResponse,
  DealershipFactsUpdate,
} from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import { isTimeZone, WEEKDAYS } from '../widget-settings/schemas.ts'

const text = (max: number) => z.string().trim().min(1).max(max)
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'must be a time as HH:MM (00:00 to 24:00)' })

const DayScheduleSchema = z
  .strictObject({
    intervals: z
      .array(
        z
          .strictObject({ open: time, close: time })
          .refine((h) => h.open < h.close, { error: 'open must be before close', path: ['close'] }),
      )
      .max(4),
    closed: z.boolean().optional(),
    byAppointment: z.boolean().optional(),
    text: text(80).optional().describe('The hours as answers quote them ("9:00 AM – 8:00 PM")'),
  })
  .refine((d) => d.closed || d.byAppointment || d.intervals.length > 0, {
    error: 'a day needs opening hours, closed, or by appointment',
  })

const DepartmentSchema = z.strictObject({
  department: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z -]*$/, { error: 'must be lowercase words, such as sales or service' })
    .describe('main, sales, service, parts, finance, collision, detail, or another name'),
  hours: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, DayScheduleSchema.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof DayScheduleSchema>
    >,
  ),
  phones: z.array(z.strictObject({ number: text(40), label: text(60).optional() })).max(10),
  emails: z.array(z.email().max(254)).max(10),
  address: text(300).optional(),
  sources: z.array(z.uuid()).max(100).optional(),
})

const StaffMemberSchema = z.strictObject({
  name: text(120),
  title: text(160).optional(),
  department: text(120).optional(),
  phone: text(40).optional(),
  extension: text(10).optional(),
  email: z.email().max(254).optional(),
  languages: text(160).optional(),
  source: z.uuid().optional(),
})

const HolidaySchema = z.strictObject({
  holiday: text(40),
  name: text(80),
  closed: z.boolean(),
  text: text(80).optional(),
  departments: z.array(text(40)).max(10).optional(),
  source: z.uuid().optional(),
})

export const DealershipFactsSchema = z
  .strictObject({
    departments: z.array(DepartmentSchema).max(20),
    address: text(300).nullable(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
    staff: z.array(StaffMemberSchema).max(500),
    holidays: z.array(HolidaySchema).max(50),
    sources: z
      .strictObject({
        address: z.array(z.uuid()).max(100).optional(),
        website: z.array(z.uuid()).max(100).optional(),
      })
      .optional(),
  })
  .openapi('DealershipFacts') satisfies z.ZodType<DealershipFacts, unknown>

const TimezoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { error: 'must be an IANA time zone, such as America/Chicago' })

export const DealershipFactsResponseSchema = z
  .object({
    facts: DealershipFactsSchema,
    extracted: DealershipFactsSchema,
    corrected: z.boolean(),
    timezone: z.string().nullable(),
    effectiveTimezone: z.string().nullable(),
  })
  .openapi('DealershipFactsResponse') satisfies z.ZodType<DealershipFactsResponse, unknown>

export const DealershipFactsUpdateSchema = z
  .strictObject({
    facts: DealershipFactsSchema.nullable()
      .optional()
      .describe('The corrected facts (they replace what the documents say); null drops them'),
    timezone: TimezoneSchema.nullable().optional(),
  })
  .openapi('DealershipFactsUpdate') satisfies z.ZodType<DealershipFactsUpdate, unknown>
