import type { WidgetSettings } from '@avataradam/sdk/protocol'

/** What a dealership's widget shows until it saves settings of its own (the widget's own defaults). */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  assistantName: 'Adam',
  greeting: "Hi, I'm Adam! Ask me about our cars, financing, service or opening hours.",
  suggestions: [
    'What are your opening hours?',
    'Do you offer financing?',
    'How do I book a service appointment?',
    'What is my trade-in worth?',
  ],
  colors: { primary: '#1a56db', onPrimary: '#ffffff' },
  avatar: { kind: 'builtin' },
  languages: ['en'],
  hours: null,
}
