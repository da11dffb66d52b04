import { defineConfig } from 'vite'

// No React plugin needed for this example: Vite compiles JSX itself (without fast refresh).
export default defineConfig({
  server: { port: 5173 },
})
