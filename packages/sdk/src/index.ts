export { AnswerStream } from './answer-stream.ts'
export {
  type AskOptions,
  type ClientEvents,
  type ClientOptions,
  type ClientStatus,
  createClient,
  type VisitorClient,
} from './client.ts'
export { AvatarAdamError } from './errors.ts'
export type * from './protocol.ts'
export {
  ACCESS_REFUSAL_CODES,
  CLIENT_ERROR_CODES,
  CLIENT_EVENTS,
  ERROR_CODES,
  isAccessRefusal,
} from './protocol.ts'
export {
  createServerClient,
  type ServerClient,
  type ServerClientOptions,
  type UploadOptions,
  type WaitOptions,
} from './server-client.ts'
export { SpeechRecording } from './speech-recording.ts'
export {
  createStaffClient,
  type StaffClient,
  type StaffClientOptions,
  type Watch,
  type WatchHandlers,
} from './staff-client.ts'
export type { KeyValueStorage } from './storage.ts'
