import type { BusinessHours, ClientOptions, VisitorClient } from '@avataradam/sdk'
import type { VideoAvatarFactory } from './video-avatar.ts'

/** Builds the visitor client; tests pass one that returns a fake. */
export type ClientFactory = (options: ClientOptions) => VisitorClient

/** Which bottom corner the launcher sits in. */
export type Position = 'bottom-right' | 'bottom-left'

/** `auto` follows the visitor's `prefers-color-scheme`. */
export type Theme = 'light' | 'dark' | 'auto'

/** What the launcher hands the panel once it has loaded. */
export interface PanelConfig {
  key: string
  server: string
  locale: string
  assistantName: string
  greeting: string
  suggestions: string[]
  position: Position
  clientFactory: ClientFactory | undefined
  videoAvatarFactory: VideoAvatarFactory | undefined
  videoAvatarTimeoutMs: number
  avatarImage: string
  languages: string[]
  hours: BusinessHours | null
  preview: boolean
}
