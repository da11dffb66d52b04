import type { PortalRoute } from './api.ts'
import { dataRoutes } from './pages/data-routes.ts'

/** The pages this shell brings: account administration. */
export const shellRoutes: PortalRoute[] = [
  {
    path: '/keys',
    title: 'Keys',
    tag: 'aa-keys-page',
    permission: 'keys',
    load: () => import('./pages/keys-page.ts'),
  },
  {
    path: '/members',
    title: 'Members',
    tag: 'aa-members-page',
    permission: 'members',
    load: () => import('./pages/members-page.ts'),
  },
  {
    path: '/security',
    title: 'Security',
    tag: 'aa-security-page',
    load: () => import('./pages/security-page.ts'),
  },
  {
    path: '/audit-log',
    title: 'Audit log',
    tag: 'aa-audit-page',
    permission: 'audit',
    load: () => import('./pages/audit-page.ts'),
  },
  {
    path: '/outbox',
    title: 'Outbox',
    tag: 'aa-outbox-page',
    permission: 'settings',
    load: () => import('./pages/outbox-page.ts'),
  },
]

/** Every signed-in page, in navigation order. */
export const routes: PortalRoute[] = [...dataRoutes, ...shellRoutes]

/** Where a member lands after signing in: the knowledge page when they may see it. */
export const PREFERRED_LANDING = '/knowledge'

/** Pages for visitors who are not signed in; each renders with `.api` and `.query`. */
export interface PublicRoute {
  path: string
  title: string
  tag: string
  load: () => Promise<unknown>
}

export const publicRoutes: PublicRoute[] = [
  {
    path: '/sign-in',
    title: 'Sign in',
    tag: 'aa-sign-in-page',
    load: () => import('./auth/sign-in-page.ts'),
  },
  {
    path: '/sign-up',
    title: 'Create your dealership’s account',
    tag: 'aa-sign-up-page',
    load: () => import('./auth/sign-up-page.ts'),
  },
  {
    path: '/forgot-password',
    title: 'Forgot your password?',
    tag: 'aa-forgot-password-page',
    load: () => import('./auth/forgot-password-page.ts'),
  },
  {
    path: '/reset-password',
    title: 'Choose a new password',
    tag: 'aa-reset-password-page',
    load: () => import('./auth/reset-password-page.ts'),
  },
  {
    path: '/accept-invite',
    title: 'Join your team',
    tag: 'aa-accept-invite-page',
    load: () => import('./auth/accept-invite-page.ts'),
  },
]

/** Links in emails: they work whether or not someone is signed in on this browser. */
export const ALWAYS_PUBLIC = new Set(['/reset-password', '/accept-invite'])
