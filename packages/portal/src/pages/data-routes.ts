import type { PortalRoute } from '../api.ts'

/**
 * The portal's data pages: knowledge, dealership facts, widget settings, conversations and
 * analytics. Each page is its own chunk, loaded the first time a member opens it.
 */
export const dataRoutes: PortalRoute[] = [
  {
    path: '/knowledge',
    title: 'Knowledge',
    tag: 'aa-knowledge-page',
    permission: 'knowledge:read',
    load: () => import('./knowledge-page.ts'),
  },
  {
    path: '/facts',
    title: 'Dealership facts',
    tag: 'aa-facts-page',
    permission: 'knowledge:read',
    load: () => import('./facts-page.ts'),
  },
  {
    path: '/widget',
    title: 'Widget settings',
    tag: 'aa-widget-settings-page',
    permission: 'settings',
    load: () => import('./widget-settings-page.ts'),
  },
  {
    path: '/conversations',
    title: 'Conversations',
    tag: 'aa-conversations-page',
    permission: 'conversations',
    load: () => import('./conversations-page.ts'),
  },
  {
    path: '/analytics',
    title: 'Analytics',
    tag: 'aa-analytics-page',
    permission: 'analytics',
    load: () => import('./analytics-page.ts'),
  },
]
