import { DEFAULT_SUGGESTIONS, defaultGreeting } from './launcher-strings.ts'

/**
 * Every word the chat panel shows, per language: a new language is one more entry here, and one
 * in launcher-strings.ts for the launcher's label (the server's answers come in the visitor's
 * language from its own language packs). The panel picks the entry of its `locale`, else of the
 * dealership's language the visitor chose, else of the browser's, else English.
 */
export interface Strings {
  /** The first message when neither the page nor the dealership wrote one. */
  greeting: (name: string) => string
  /** The suggested questions when neither the page nor the dealership chose any. */
  suggestions: readonly string[]
  presence: { idle: string; connecting: string; connected: string; offline: string; closed: string }
  preview: string
  offline: string
  newConversation: string
  closeChat: string
  suggestedQuestions: string
  listening: string
  askPlaceholder: string
  send: string
  /** The message input's label. */
  messageTo: (name: string) => string
  typing: string
  tryAgain: string
  sources: (count: number) => string
  language: string
  mute: string
  unmute: string
  speak: string
  conversation: string
  notSetUp: string
  reconnecting: string
  loadingHistory: string
  micBlocked: string
  micFailed: string
  /** The hand-off button's text when the answer did not name one. */
  handoff: string
  lead: {
    name: string
    email: string
    phone: string
    message: string
    contactHint: string
    consent: string
    sending: string
    send: string
    needName: string
    needContact: string
    badEmail: string
    badPhone: string
    needConsent: string
    checkDetails: string
    tooMany: string
    /** `{name}`: the visitor's. */
    thanks: string
  }
  errors: {
    unavailable: string
    tooLong: string
    rateLimited: string
    network: string
    restarting: string
    other: string
  }
}

const en: Strings = {
  greeting: defaultGreeting,
  suggestions: DEFAULT_SUGGESTIONS,
  presence: {
    idle: 'Connecting…',
    connecting: 'Connecting…',
    connected: 'Online',
    offline: 'Reconnecting…',
    closed: 'Offline',
  },
  preview: 'Preview',
  offline: 'Offline',
  newConversation: 'New conversation',
  closeChat: 'Close chat',
  suggestedQuestions: 'Suggested questions',
  listening: 'Listening…',
  askPlaceholder: 'Ask a question…',
  send: 'Send',
  messageTo: (name) => `Message ${name}`,
  typing: 'is typing…',
  tryAgain: 'Try again',
  sources: (count) => (count === 1 ? '1 source' : `${count} sources`),
  language: 'Language',
  mute: 'Mute voice',
  unmute: 'Unmute voice',
  speak: 'Speak your question',
  conversation: 'Conversation',
  notSetUp: "This assistant isn't set up yet.",
  reconnecting: 'Reconnecting… Your messages will be sent when the connection is back.',
  loadingHistory: 'Loading your conversation…',
  micBlocked: 'Microphone access is blocked. You can type your question instead.',
  micFailed: "Sorry, I couldn't catch that. Please try again or type your question.",
  handoff: 'Connect me with the team',
  lead: {
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    message: 'Message (optional)',
    contactHint: 'An email address or a phone number, or both.',
    consent: 'I agree to be contacted about this request.',
    sending: 'Sending…',
    send: 'Send',
    needName: 'Please enter your name.',
    needContact: 'Please enter an email address or a phone number.',
    badEmail: 'Please check the email address.',
    badPhone: 'Please check the phone number.',
    needConsent: 'Please agree to be contacted, so the team may reach you.',
    checkDetails: 'Please check your details and try again.',
    tooMany: 'You have sent several requests already. Please try again later.',
    thanks: 'Thanks, {name}! The team will be in touch soon.',
  },
  errors: {
    unavailable: "This assistant isn't available on this site.",
    tooLong: 'That message is too long. Please shorten it and send it again.',
    rateLimited: "You're sending messages quickly. Please wait a moment and try again.",
    network: "I couldn't reach the assistant. Check your connection and try again.",
    restarting: 'The assistant is restarting. Please try again in a moment.',
    other: 'Sorry, something went wrong with that answer. Please try again.',
  },
}

const es: Strings = {
  greeting: (name) =>
    `¡Hola, soy ${name}! Pregúnteme por nuestros autos, el financiamiento, el servicio o el horario.`,
  suggestions: [
    '¿Cuál es su horario?',
    '¿Tienen SUV usados por menos de $30,000?',
    '¿Cuánto vale mi carro usado?',
    '¿Puedo obtener financiamiento con mal crédito?',
  ],
  presence: {
    idle: 'Conectando…',
    connecting: 'Conectando…',
    connected: 'En línea',
    offline: 'Reconectando…',
    closed: 'Desconectado',
  },
  preview: 'Vista previa',
  offline: 'Desconectado',
  newConversation: 'Nueva conversación',
  closeChat: 'Cerrar el chat',
  suggestedQuestions: 'Preguntas sugeridas',
  listening: 'Escuchando…',
  askPlaceholder: 'Escriba su pregunta…',
  send: 'Enviar',
  messageTo: (name) => `Mensaje para ${name}`,
  typing: 'está escribiendo…',
  tryAgain: 'Intentar de nuevo',
  sources: (count) => (count === 1 ? '1 fuente' : `${count} fuentes`),
  language: 'Idioma',
  mute: 'Silenciar la voz',
  unmute: 'Activar la voz',
  speak: 'Diga su pregunta',
  conversation: 'Conversación',
  notSetUp: 'Este asistente todavía no está configurado.',
  reconnecting: 'Reconectando… Sus mensajes se enviarán cuando vuelva la conexión.',
  loadingHistory: 'Cargando su conversación…',
  micBlocked: 'El acceso al micrófono está bloqueado. Puede escribir su pregunta.',
  micFailed: 'Perdón, no le entendí. Intente de nuevo o escriba su pregunta.',
  handoff: 'Hablar con el equipo',
  lead: {
    name: 'Nombre',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    message: 'Mensaje (opcional)',
    contactHint: 'Un correo electrónico o un teléfono, o ambos.',
    consent: 'Acepto que me contacten sobre esta solicitud.',
    sending: 'Enviando…',
    send: 'Enviar',
    needName: 'Escriba su nombre, por favor.',
    needContact: 'Escriba un correo electrónico o un teléfono, por favor.',
    badEmail: 'Revise el correo electrónico, por favor.',
    badPhone: 'Revise el número de teléfono, por favor.',
    needConsent: 'Acepte que le contacten, para que el equipo pueda comunicarse con usted.',
    checkDetails: 'Revise sus datos e intente de nuevo, por favor.',
    tooMany: 'Ya envió varias solicitudes. Intente más tarde, por favor.',
    thanks: '¡Gracias, {name}! El equipo se comunicará con usted pronto.',
  },
  errors: {
    unavailable: 'Este asistente no está disponible en este sitio.',
    tooLong: 'Ese mensaje es demasiado largo. Acórtelo y envíelo de nuevo.',
    rateLimited: 'Está enviando mensajes muy rápido. Espere un momento e intente de nuevo.',
    network: 'No pude comunicarme con el asistente. Revise su conexión e intente de nuevo.',
    restarting: 'El asistente se está reiniciando. Intente de nuevo en un momento.',
    other: 'Perdón, algo salió mal con esa respuesta. Intente de nuevo.',
  },
}

/** The panel's words by language (ISO 639-1). */
export const STRINGS: Readonly<Record<string, Strings>> = { en, es }

/**
 * The words for a locale (`es-MX` → Spanish), English when the language has none.
 *
 * @example
 * ```ts
 * stringsFor('es-MX').send // 'Enviar'
 * ```
 */
export function stringsFor(locale: string | undefined): Strings {
  const base = locale?.toLowerCase().split(/[-_]/)[0] ?? 'en'
  return STRINGS[base] ?? en
}

/**
 * The server's defaults of earlier releases: what a dealership that saved the portal's form
 * untouched then still has.
 */
const EARLIER_SUGGESTIONS = [
  'What are your opening hours?',
  'Do you offer financing?',
  'How do I book a service appointment?',
  'What is my trade-in worth?',
]

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i])

/**
 * The greeting to show: the page's or the dealership's as written, except the default, which is
 * said in the panel's language. The English default counts as the default whoever sent it: the
 * server sends it, with `Adam` in it, to every dealership that never wrote its own.
 *
 * @example
 * ```ts
 * greetingFor(stringsFor('es'), "Hi, I'm Adam! Ask me about our cars, financing, service or opening hours.", 'Ava')
 * // '¡Hola, soy Ava! …'
 * ```
 */
export function greetingFor(strings: Strings, greeting: string, name: string): string {
  const isDefault = greeting === en.greeting(name) || greeting === en.greeting('Adam')
  return isDefault ? strings.greeting(name) : greeting
}

/**
 * The suggested questions to show: the page's or the dealership's as written, except the
 * defaults, which are asked in the panel's language. The English defaults (today's, and the
 * server's earlier ones) count as the defaults; an empty list stays empty (no suggestions).
 */
export function suggestionsFor(
  strings: Strings,
  suggestions: readonly string[],
): readonly string[] {
  const isDefault =
    sameList(suggestions, DEFAULT_SUGGESTIONS) || sameList(suggestions, EARLIER_SUGGESTIONS)
  return isDefault ? strings.suggestions : suggestions
}
