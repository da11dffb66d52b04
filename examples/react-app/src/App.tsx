// Importing the package defines <avatar-adam>; its chat panel loads only when opened.
import '@avataradam/widget'
import { useState } from 'react'

// Vite exposes VITE_* variables from the environment or a .env file.
const SERVER = import.meta.env.VITE_AVATARADAM_SERVER ?? 'http://localhost:3000'
const KEY = import.meta.env.VITE_AVATARADAM_KEY ?? ''

export function App() {
  const [theme, setTheme] = useState<'light' | 'dark'>('light')
  return (
    <main>
      <h1>Hilltop Ford</h1>
      <p>This React page hosts the AvatarAdam assistant as a plain custom element.</p>
      <button type="button" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
        Switch to {theme === 'light' ? 'dark' : 'light'} theme
      </button>
      {/* React keeps `key` for itself, so the publishable key goes in `publishable-key`. */}
      <avatar-adam publishable-key={KEY} server={SERVER} theme={theme} />
    </main>
  )
}
