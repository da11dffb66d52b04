import { v7 } from 'uuid'

/** A new id: a UUIDv7, so rows created together sit together in indexes. */
export const newId = (): string => v7()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a string is a UUID (so it can be compared with a uuid column without an error). */
export const isUuid = (value: string): boolean => UUID.test(value)
