import type { AvatarAdam } from '@avataradam/widget'
import type { DetailedHTMLProps, HTMLAttributes } from 'react'

// React 19 passes attributes and properties to custom elements; this tells TypeScript which.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'avatar-adam': DetailedHTMLProps<HTMLAttributes<AvatarAdam>, AvatarAdam> & {
        'publishable-key'?: string
        server?: string
        position?: 'bottom-right' | 'bottom-left'
        theme?: 'light' | 'dark' | 'auto'
        open?: boolean
      }
    }
  }
}
