import type { WidgetSettings } from '@avataradam/sdk/protocol'

/** What a dealership's widget shows until it saves settings of its own (the widget's own defaults). */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  assistantName: 'Adam',
  greeting: "Hi, I'm Adam! Ask me about our cars, financing, service or opening hours.",
  // Each one the demo dealership's documents answer (the widget's e2e tests ask them).
  suggestions: [
    'What are your opening hours?',
    'Do you have used SUVs under $30,000?',
    'What is my trade-in worth?',
    'Can I get financing with bad credit?',
  ],
  colors: { primary: '#1a56db', onPrimary: '#ffffff' },
  avatar: { kind: 'builtin' },
  languages: ['en'],
  hours: null,
}
